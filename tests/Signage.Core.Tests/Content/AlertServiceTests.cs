using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Alerts;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Core.Tests.Content;

public class AlertServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task RaisedAlertPlaysAloneOnItsScreensUntilEndedEvenOnStaffScreens()
    {
        var group = await fixture.GroupAsync("Hall alertes");
        var screen = await fixture.ScreenAsync("Hall alertes 1", group.Id);
        await fixture.PublishedAsync("Marché de Noël", group.Id);

        var alert = await fixture.WithAsync(s => s.GetRequiredService<AlertService>()
            .RaiseAsync(new RaiseAlert("Évacuation du bâtiment", "Sortez par l'issue la plus proche.", [new Target(TargetKind.Group, group.Id)], 30)));
        await fixture.WithAsync(async s => { await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(alert.Id, CancellationToken.None); return true; });

        var body = (await CurrentAsync(screen.Screen.Id)).Body;
        var alertItem = Assert.Single(body.Items, i => i.Tier == Tier.Alert);
        Assert.NotNull(alertItem.Window?.Until);
        var now = fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        for (var t = 0; t < 120; t += 7)
        {
            Assert.Equal(alert.Id, Rotation.At(body, now.AddSeconds(t))!.Current.ContentId);
        }

        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().EndAsync(alert.Id)));
        var after = await CurrentAsync(screen.Screen.Id);
        Assert.DoesNotContain(after.Body.Items, i => i.Tier == Tier.Alert);
        Assert.Contains(fixture.Notifier.Pushes, p => p.ScreenId == screen.Screen.Id && p.Manifest.Version == after.Version);
        Assert.False(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().EndAsync(alert.Id)));
    }

    [Fact]
    public async Task AlertWithoutTargetsOrWithABadDurationIsRefusedAndNothingIsSaved()
    {
        var noTargets = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s =>
            s.GetRequiredService<AlertService>().RaiseAsync(new RaiseAlert("Alerte", "", []))));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s =>
            s.GetRequiredService<AlertService>().RaiseAsync(new RaiseAlert("Alerte", "", [new Target(TargetKind.Group, Guid.NewGuid())], AlertService.MaxMinutes + 1))));

        Assert.Contains("targets", noTargets.Errors.Keys);
        Assert.Contains("targets", tooLong.Errors.Keys);
        Assert.Contains("minutes", tooLong.Errors.Keys);
        await using var db = fixture.Database.CreateDb();
        Assert.DoesNotContain(db.Announcements, a => a.Title == "Alerte");
    }

    async Task<ScreenManifest> CurrentAsync(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))!;
}
