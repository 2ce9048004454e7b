using System.Runtime.Versioning;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Signage.Player.Sync;

namespace Signage.Player.Tests;

public sealed class DeviceIdentityTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("signage-identity-").FullName;

    DeviceIdentity New(string configured = "") => new(Options.Create(new PlayerOptions { CacheDir = folder, DeviceToken = configured }));

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task APairedTokenIsStoredForThePlayersAccountOnlyAndReadAtTheNextStart()
    {
        var identity = New();
        Assert.Null(identity.Token);
        var waiting = identity.WaitAsync(CancellationToken.None);

        await identity.StoreAsync("jeton-appaire", CancellationToken.None);

        Assert.Equal("jeton-appaire", await waiting);
        var file = Path.Combine(folder, "device-token");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(["device-token"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal("jeton-appaire", New().Token);
    }

    [Fact]
    public async Task AConfiguredTokenOverridesTheStoredOne()
    {
        await New().StoreAsync("jeton-appaire", CancellationToken.None);

        Assert.Equal("jeton-de-la-configuration", New("jeton-de-la-configuration").Token);
    }

    [Fact]
    public async Task TheClockOffsetIsMeasuredAgainstTheMiddleOfTheRoundTrip()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero));
        var serverClock = clock.GetUtcNow() - TimeSpan.FromSeconds(3);

        // The request takes 200 ms there and 200 ms back; the server reads its clock (3 s behind) on arrival.
        var offset = await FleetReporter.OffsetAsync(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            var answer = serverClock + TimeSpan.FromMilliseconds(200);
            clock.Advance(TimeSpan.FromMilliseconds(200));
            return Task.FromResult(answer);
        }, clock);

        Assert.Equal(TimeSpan.FromSeconds(3), offset);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
