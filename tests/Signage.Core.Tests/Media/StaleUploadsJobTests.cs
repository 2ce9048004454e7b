using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Signage.Core.Media;
using Signage.TestSupport;

namespace Signage.Core.Tests.Media;

public sealed class StaleUploadsJobTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task UploadsUnwrittenForLongerThanTheAgeAreDeletedAndLoggedAndRecentOnesKept()
    {
        var incoming = Directory.CreateDirectory(Path.Combine(fixture.Assets.Path, AssetStore.IncomingFolder)).FullName;
        var now = TestClock.Start.UtcDateTime;
        var crashed = Write(incoming, "crashed.upload", now - TimeSpan.FromHours(5));
        var crashedCopy = Write(incoming, "crashed.upload.5f0c.jpg", now - TimeSpan.FromMinutes(61));
        var slow = Write(incoming, "slow.upload", now - TimeSpan.FromMinutes(50));
        var receiving = Write(incoming, "receiving.upload", now);
        var log = new RecordingLogger();

        var removed = await fixture.WithAsync(s => Task.FromResult(
            new StaleUploadsJob(s.GetRequiredService<AssetStore>(), Options.Create(new StaleUploadsOptions { StaleUploadAge = TimeSpan.FromHours(1) }), TestClock.New(), log)
                .Run(CancellationToken.None)));

        Assert.Equal(2, removed);
        Assert.False(File.Exists(crashed), "an upload cut short five hours ago should be gone");
        Assert.False(File.Exists(crashedCopy), "a normalized copy left an hour ago should be gone");
        Assert.True(File.Exists(slow), "an upload written 50 minutes ago may still be in progress");
        Assert.True(File.Exists(receiving), "an upload being received must be kept");
        Assert.Contains(log.Lines, l => l.Contains(crashed, StringComparison.Ordinal) && l.Contains("100 bytes", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains(crashedCopy, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains(slow, StringComparison.Ordinal) || l.Contains(receiving, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TemporaryFilesACrashLeftBesideStoredAssetsAreDeletedAndTheAssetsKept()
    {
        var asset = await fixture.WithAsync(async s =>
        {
            var stored = await s.GetRequiredService<AssetStore>().PutAsync([1, 2, 3, 4], "image/png");
            return s.GetRequiredService<AssetStore>().FileOf(stored.Sha256)!;
        });
        var folder = Path.GetDirectoryName(asset)!;
        var now = TestClock.Start.UtcDateTime;
        File.SetLastWriteTimeUtc(asset, now - TimeSpan.FromDays(30));
        var crashed = Write(folder, $"{new string('c', 64)}.{Guid.NewGuid():N}.tmp", now - TimeSpan.FromHours(2));
        var storing = Write(folder, $"{new string('d', 64)}.{Guid.NewGuid():N}.tmp", now);
        // Not a hash folder: nothing of the store's.
        var other = Write(Directory.CreateDirectory(Path.Combine(fixture.Assets.Path, "notes")).FullName, "brouillon.tmp", now - TimeSpan.FromHours(2));
        var log = new RecordingLogger();

        var removed = await fixture.WithAsync(s => Task.FromResult(
            new StaleUploadsJob(s.GetRequiredService<AssetStore>(), Options.Create(new StaleUploadsOptions { StaleUploadAge = TimeSpan.FromHours(1) }), TestClock.New(), log)
                .Run(CancellationToken.None)));

        Assert.Equal(1, removed);
        Assert.False(File.Exists(crashed), "a temporary file left two hours ago should be gone");
        Assert.True(File.Exists(asset), "a stored asset is never removed, however old");
        Assert.True(File.Exists(storing), "a file being stored must be kept");
        Assert.True(File.Exists(other), "a file outside the hash folders is not the store's to remove");
        Assert.Contains(log.Lines, l => l.Contains(crashed, StringComparison.Ordinal) && l.Contains("100 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAgeIsReadFromTheMediaSettings() => Assert.Equal(TimeSpan.FromMinutes(150), StaleUploadAge("02:30:00"));

    [Fact]
    public void AnAgeUnderAMinuteIsRefusedAsItWouldDeleteUploadsInProgress() =>
        Assert.Contains("at least one minute", Assert.Throws<OptionsValidationException>(() => StaleUploadAge("00:00:30")).Message);

    static TimeSpan StaleUploadAge(string setting)
    {
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Signage:Media:StaleUploadAge"] = setting })
                .Build())
            .AddSignageCore("Host=unused")
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<StaleUploadsOptions>>().Value.StaleUploadAge;
    }

    static string Write(string folder, string name, DateTime lastWrite)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, new byte[100]);
        File.SetLastWriteTimeUtc(path, lastWrite);
        return path;
    }

    sealed class RecordingLogger : ILogger<StaleUploadsJob>
    {
        readonly List<string> lines = [];

        public IReadOnlyList<string> Lines => lines;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception));
    }
}
