using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// The player's sync loop against a real server: what it does when a slide cannot be downloaded,
/// when the server goes away and comes back, and when it was itself off while content was published.
/// </summary>
public sealed class PlayerSyncTests(SignageSystem system) : IClassFixture<SignageSystem>, IDisposable
{
    static readonly TimeSpan Render = TimeSpan.FromSeconds(60);
    readonly TempFolder aside = new();

    [Fact]
    public async Task ASlideThatFailedToDownloadIsFetchedAgainWithoutWaitingForAReconnection()
    {
        system.StopPlayer();
        var announcement = await system.PublishAsync("Travaux rue Pasteur", "Circulation alternée du 3 au 7 mars.");
        var sha = await SlideInManifestAsync(announcement.Id);
        // The server loses the slide's file for a while: the player's download is answered 404.
        var stored = Path.Combine(system.AssetRoot, sha[..2], sha);
        var hidden = Path.Combine(aside.Path, sha);
        File.Move(stored, hidden);
        try
        {
            var before = system.Logs.Length;
            await system.StartPlayerAsync();
            await system.WaitAsync(
                () => Task.FromResult(system.Logs[before..].Split('\n').Any(l => l.Contains("[player]", StringComparison.Ordinal) && l.Contains("404", StringComparison.Ordinal)) ? "refused" : null),
                TimeSpan.FromSeconds(30), "the player's download of the slide to be refused");
            Assert.False(await PlayerHoldsAsync(sha), "the player applied a manifest whose slide it could not download");
        }
        finally
        {
            File.Move(hidden, stored);
        }

        await WaitUntilHeldAsync(sha, TimeSpan.FromSeconds(30));
        Assert.True((await system.StatusAsync())!.Connected);
    }

    [Fact]
    public async Task APlayerReconnectsToARestartedServerAndGetsWhatWasPublishedWhileItWasDown()
    {
        var first = await system.PublishAsync("Conseil municipal", "Séance publique lundi à 19 h, salle du conseil.");
        await WaitUntilHeldAsync(await SlideInManifestAsync(first.Id), TimeSpan.FromSeconds(30));

        system.StopServer();
        await system.WaitAsync(async () => await system.StatusAsync() is { Connected: false } status ? status : null,
            TimeSpan.FromSeconds(30), "the player to notice the server is gone");
        // Written while no server runs: the render job waits in the database for the next server.
        var meanwhile = await system.PublishAsync("Inscriptions scolaires", "Dossiers à déposer avant le 15 juin.");
        await system.StartServerAsync();

        await WaitUntilHeldAsync(await SlideInManifestAsync(meanwhile.Id), TimeSpan.FromSeconds(90));
        await system.WaitAsync(async () => await system.StatusAsync() is { Connected: true } status ? status : null,
            TimeSpan.FromSeconds(30), "the player to report the connection");
    }

    [Fact]
    public async Task APlayerStartedAgainGetsWhatWasPublishedWhileItWasOff()
    {
        system.StopPlayer();
        var announcement = await system.PublishAsync("Piscine fermée", "Vidange annuelle du 1er au 14 septembre.");
        var sha = await SlideInManifestAsync(announcement.Id);

        await system.StartPlayerAsync();

        await WaitUntilHeldAsync(sha, TimeSpan.FromSeconds(30));
    }

    public void Dispose() => aside.Dispose();

    /// <summary>The slide the server's manifest for the screen gives <paramref name="contentId"/>, once rendered.</summary>
    Task<string> SlideInManifestAsync(Guid contentId) => system.WaitAsync(async () =>
    {
        await using var scope = system.Core.CreateAsyncScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<ManifestService>().CurrentAsync(system.ScreenId);
        return manifest?.Body.Items.FirstOrDefault(i => i.ContentId == contentId)?.Asset.Sha256;
    }, Render, $"the server to put {contentId} in the screen's manifest");

    /// <summary>The player serves a file only when the manifest it plays references it and the file is in its cache.</summary>
    async Task<bool> PlayerHoldsAsync(string sha)
    {
        using var response = await system.Http.GetAsync(new Uri(system.PlayerUrl, $"/media/{sha}"));
        return response.IsSuccessStatusCode;
    }

    Task<string> WaitUntilHeldAsync(string sha, TimeSpan timeout) =>
        system.WaitAsync(async () => await PlayerHoldsAsync(sha) ? "held" : null, timeout, $"the player to play a manifest with {sha}");
}
