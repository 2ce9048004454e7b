using Signage.Core.Media;
using Signage.TestSupport;

namespace Signage.Server.Tests;

public class StaleUploadsStartupTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AServerStartingDeletesWhatACrashLeftInIncomingAndKeepsUploadsInProgress()
    {
        // As a crash during an upload leaves the store, before this server process starts.
        var incoming = Directory.CreateDirectory(Path.Combine(server.AssetRoot, AssetStore.IncomingFolder)).FullName;
        var crashed = Path.Combine(incoming, "crashed.upload");
        var inProgress = Path.Combine(incoming, "other-node.upload");
        await File.WriteAllBytesAsync(crashed, new byte[4096]);
        File.SetLastWriteTimeUtc(crashed, TestClock.Start.UtcDateTime - TimeSpan.FromHours(3));
        await File.WriteAllBytesAsync(inProgress, new byte[4096]);

        using var client = server.CreateClient();
        using var health = await client.GetAsync("/health/live");

        Assert.True(health.IsSuccessStatusCode);
        Assert.False(File.Exists(crashed), "the partial upload left by the crash should be gone");
        Assert.True(File.Exists(inProgress), "an upload another node is receiving must be kept");
    }
}
