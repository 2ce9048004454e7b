using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Alerts;
using Signage.Core.Scheduling;
using Signage.Core.Writes;

namespace Signage.EndToEnd.Tests;

/// <summary>A real player that was off when an alert was raised.</summary>
public class AlertReplayTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    [Fact]
    public async Task APlayerStartedDuringAnAlertShowsItAsSoonAsItConnectsAndTheDisplayConfirmsIt()
    {
        system.StopPlayer();
        // Raised while the player is down, in the database only: nothing was sent to it.
        Guid alertId;
        await using (var scope = system.Core.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set("publieur@mairie.test");
            alertId = (await scope.ServiceProvider.GetRequiredService<AlertService>().RaiseAsync(
                new RaiseAlert("Confinement", "Restez à l'intérieur, fermez portes et fenêtres.", [new Target(TargetKind.Screen, system.ScreenId)], 5))).Id;
        }

        await system.StartPlayerAsync();

        var status = await system.WaitAsync(async () => await system.StatusAsync() is { Alert.Id: var id } s && id == alertId ? s : null,
            TimeSpan.FromSeconds(10), "the restarted player to show the alert");
        Assert.True(status.Connected);
        Assert.Contains("Confinement", status.Alert!.AccessibleText);
        var bytes = await system.Http.GetByteArrayAsync(new Uri(system.PlayerUrl, $"/media/{status.Alert.Sha256}"));
        Assert.Equal(status.Alert.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));

        // No display page has drawn it yet: no confirmation. The display's word is what counts.
        await using (var scope = system.Core.CreateAsyncScope())
        {
            var before = await scope.ServiceProvider.GetRequiredService<AlertService>().StatusAsync(alertId);
            Assert.Equal((1, 0), (before!.Targeted, before.Confirmed));
        }

        using var shown = await system.Http.PostAsync(new Uri(system.PlayerUrl, $"/api/alerts/{alertId}/shown"), null);
        Assert.True(shown.IsSuccessStatusCode);
        var confirmed = await system.WaitAsync(async () =>
        {
            await using var scope = system.Core.CreateAsyncScope();
            var now = await scope.ServiceProvider.GetRequiredService<AlertService>().StatusAsync(alertId);
            return now is { Confirmed: 1 } ? now : null;
        }, TimeSpan.FromSeconds(10), "the server to record the display's confirmation");
        Assert.Equal(system.ScreenId, Assert.Single(confirmed.Screens).ScreenId);
    }
}
