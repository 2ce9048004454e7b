using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Alerts;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.TestSupport;

namespace Signage.Core.Tests.Alerts;

public class AlertServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task RaisedAlertPlaysAloneOnItsScreensUntilEndedEvenOnStaffScreens()
    {
        var group = await fixture.GroupAsync("Hall alertes");
        var screen = await fixture.ScreenAsync("Hall alertes 1", group.Id);
        await fixture.PublishedAsync("Marché de Noël", group.Id);

        var pushesBefore = fixture.Notifier.Pushes.Count;
        var alert = await fixture.WithAsync(s => s.GetRequiredService<AlertService>()
            .RaiseAsync(new RaiseAlert("Évacuation du bâtiment", "Sortez par l'issue la plus proche.", [new Target(TargetKind.Group, group.Id)], 30)));

        // Sent to the group's channel with no render job in between; the raise rebuilt no manifest itself.
        var sent = Assert.Single(fixture.Notifier.Alerts, a => a.AlertId == alert.Id);
        Assert.Equal(("raised", pushesBefore), (sent.Kind, sent.PushesBefore));
        Assert.Equal([new Target(TargetKind.Group, group.Id)], sent.Targets);
        Assert.Equal(AnnouncementStatus.Published, alert.Status);
        Assert.Equal(pushesBefore, fixture.Notifier.Pushes.Count);
        Assert.DoesNotContain((await CurrentAsync(screen.Screen.Id)).Body.Items, i => i.Tier == Tier.Alert);

        // The job queued with the alert puts it in the manifest, pushed to the screen.
        await fixture.RefreshAlertManifestsAsync(alert.Id);
        Assert.Contains(fixture.Notifier.Pushes.Skip(pushesBefore), p => p.ScreenId == screen.Screen.Id);
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
        Assert.Contains(fixture.Notifier.Alerts, a => a.AlertId == alert.Id && a.Kind == "cleared");
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

    [Fact]
    public async Task DisplaysConfirmOnceOnlyTheirOwnActiveAlertsAndTheEndIsAuditedWithTheCount()
    {
        var group = await fixture.GroupAsync("Hall confirmations");
        var first = await fixture.ScreenAsync("Confirmations 1", group.Id);
        var second = await fixture.ScreenAsync("Confirmations 2", group.Id);
        var elsewhere = await fixture.ScreenAsync("Confirmations ailleurs", (await fixture.GroupAsync("Ailleurs")).Id);
        var alert = await RaiseAsync("Confinement", new Target(TargetKind.Group, group.Id), 30);
        var clock = (FakeTimeProvider)fixture.Services.GetRequiredService<TimeProvider>();
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await AckAsync(first.Screen.Id, alert.Id));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await AckAsync(first.Screen.Id, alert.Id));
        Assert.False(await AckAsync(elsewhere.Screen.Id, alert.Id));
        Assert.False(await AckAsync(first.Screen.Id, Guid.NewGuid()));

        // A confirmation is answered once it is stored.
        var status = (await fixture.WithAsync(s => s.GetRequiredService<AlertService>().StatusAsync(alert.Id)))!;
        Assert.Equal((2, 1, true), (status.Targeted, status.Confirmed, status.Active));
        // The second confirmation changed nothing: the time is the first one's.
        Assert.InRange(status.SecondsToLastConfirmation!.Value, 3, 3.5);
        Assert.Equal([second.Screen.Id, first.Screen.Id], status.Screens.Select(s => s.ScreenId));

        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().EndAsync(alert.Id)));
        Assert.False(await AckAsync(second.Screen.Id, alert.Id));
        await using var db = fixture.Database.CreateDb();
        var ended = Assert.Single(db.AuditEntries.Where(e => e.SubjectId == alert.Id && e.Action == "alert.ended"));
        Assert.Equal("1 / 2 screens confirmed", ended.Details);
        Assert.Single(db.AuditEntries.Where(e => e.SubjectId == alert.Id && e.Action == "alert.raised"));
    }

    [Fact]
    public async Task ManyDisplaysConfirmingAtOnceAreAllCountedAtTheTimeEachArrived()
    {
        var group = await fixture.GroupAsync("Hall confirmations en nombre");
        var screens = new List<Screen>();
        for (var i = 0; i < 40; i++)
        {
            screens.Add((await fixture.ScreenAsync($"En nombre {i:00}", group.Id)).Screen);
        }

        var alert = await RaiseAsync("Évacuation", new Target(TargetKind.Group, group.Id), 30);
        var raisedAt = (await fixture.WithAsync(s => s.GetRequiredService<AlertService>().StatusAsync(alert.Id)))!.RaisedAt;

        // Each from its own connection (scope), as the hub does, and some twice.
        var answers = await Task.WhenAll(screens.Concat(screens.Take(10)).Select(screen =>
            fixture.WithAsync(s => s.GetRequiredService<AlertService>().AcknowledgeAsync(screen.Id, screen.SiteId, screen.GroupIds, screen.VisibleFromStreet, alert.Id))));

        Assert.All(answers, Assert.True);
        var status = (await fixture.WithAsync(s => s.GetRequiredService<AlertService>().StatusAsync(alert.Id)))!;
        Assert.Equal((40, 40), (status.Targeted, status.Confirmed));
        Assert.All(status.Screens, s => Assert.InRange(s.ShownAt!.Value, raisedAt, raisedAt.AddMinutes(1)));
    }

    [Fact]
    public async Task AConnectingScreenGetsTheAlertsInForceForItsSiteGroupOrItselfAndNeverAnExpiredOne()
    {
        var group = await fixture.GroupAsync("Hall reconnexion");
        var screen = await fixture.ScreenAsync("Reconnexion 1", group.Id);
        var other = await fixture.ScreenAsync("Reconnexion autre", (await fixture.GroupAsync("Reconnexion autre")).Id);
        var bySite = await RaiseAsync("Alerte météo", new Target(TargetKind.Site, screen.Screen.SiteId), 10);
        var byScreen = await RaiseAsync("Fermeture exceptionnelle", new Target(TargetKind.Screen, screen.Screen.Id), 20);

        var active = await ActiveForAsync(screen.Screen);
        Assert.Equal(new[] { bySite.Id, byScreen.Id }.Order(), active.Select(a => a.AlertId).Order());
        Assert.All(active, a => Assert.Equal(4, a.Images.Count));
        Assert.DoesNotContain(await ActiveForAsync(other.Screen), a => a.AlertId == byScreen.Id);

        var clock = (FakeTimeProvider)fixture.Services.GetRequiredService<TimeProvider>();
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([byScreen.Id], (await ActiveForAsync(screen.Screen)).Select(a => a.AlertId));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await ActiveForAsync(screen.Screen));
    }

    [Fact]
    public async Task AReadyMadeAlertDrawnAheadIsRaisedWithoutDrawingAndWithItsFixedWording()
    {
        var group = await fixture.GroupAsync("Hall modèles");
        var screen = await fixture.ScreenAsync("Modèles 1", group.Id);
        var drawnAhead = await fixture.WithAsync(s => s.GetRequiredService<PrerenderJob>().RunAsync(CancellationToken.None));
        Assert.True(drawnAhead >= AlertTemplates.All.Count * 4, $"{drawnAhead} pictures drawn ahead");
        Assert.Equal(0, await fixture.WithAsync(s => s.GetRequiredService<PrerenderJob>().RunAsync(CancellationToken.None)));
        await using var before = fixture.Database.CreateDb();
        var assets = await before.Assets.CountAsync();
        var prerendered = await before.PrerenderedSlides.Select(p => p.AssetSha256).ToListAsync();

        var alert = await fixture.WithAsync(s => s.GetRequiredService<AlertService>()
            .RaiseAsync(new RaiseAlert(null, null, [new Target(TargetKind.Group, group.Id)], 30, "evacuation")));
        await fixture.RefreshAlertManifestsAsync(alert.Id);

        var evacuation = AlertTemplates.Find("evacuation")!;
        Assert.Equal((evacuation.Title, evacuation.Body), (alert.Title, alert.Body));
        await using var after = fixture.Database.CreateDb();
        Assert.Equal(assets, await after.Assets.CountAsync());
        var renditions = await after.Renditions.Where(r => r.AnnouncementId == alert.Id).ToListAsync();
        Assert.Equal(4, renditions.Count);
        Assert.All(renditions, r => Assert.Contains(r.AssetSha256, prerendered));
        Assert.Contains((await CurrentAsync(screen.Screen.Id)).Body.Items, i => i.ContentId == alert.Id && i.Tier == Tier.Alert);
        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().EndAsync(alert.Id)));
    }

    [Fact]
    public async Task AnUnknownTemplateOrAFreeTextAlertWithoutTitleIsRefusedAndNothingIsSaved()
    {
        var group = await fixture.GroupAsync("Hall modèle inconnu");
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s => s.GetRequiredService<AlertService>()
            .RaiseAsync(new RaiseAlert(null, null, [new Target(TargetKind.Group, group.Id)], 30, "tsunami"))));
        var untitled = await Assert.ThrowsAsync<ValidationException>(() => fixture.WithAsync(s => s.GetRequiredService<AlertService>()
            .RaiseAsync(new RaiseAlert(null, "Sans titre", [new Target(TargetKind.Group, group.Id)], 30))));

        Assert.Contains("template", unknown.Errors.Keys);
        Assert.Contains("title", untitled.Errors.Keys);
        await using var db = fixture.Database.CreateDb();
        Assert.False(await db.ScheduleEntries.AnyAsync(e => e.Targets.Any(t => t.TargetId == group.Id)));
    }

    [Fact]
    public async Task AnIntrusionAlertNeverReachesAScreenSeenFromTheStreet()
    {
        var group = await fixture.GroupAsync("Hall intrusion");
        var inside = await fixture.ScreenAsync("Intrusion intérieur", group.Id);
        var street = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>()
            .CreateScreenAsync(new NewScreen("Intrusion vitrine", group.Id, VisibleFromStreet: true)));

        var alert = await fixture.WithAsync(s => s.GetRequiredService<AlertService>()
            .RaiseAsync(new RaiseAlert(null, null, [new Target(TargetKind.Group, group.Id)], 30, "intrusion")));
        await fixture.RefreshAlertManifestsAsync(alert.Id);

        Assert.True(alert.HiddenFromStreet);
        Assert.Contains((await CurrentAsync(inside.Screen.Id)).Body.Items, i => i.ContentId == alert.Id);
        Assert.DoesNotContain((await CurrentAsync(street.Screen.Id)).Body.Items, i => i.ContentId == alert.Id);
        Assert.Empty(await ActiveForAsync(street.Screen));
        Assert.Single(await ActiveForAsync(inside.Screen), a => a.AlertId == alert.Id);
        Assert.False(await AckAsync(street.Screen.Id, alert.Id));
        var sha = alert.AssetSha256!;
        Assert.False(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().ScreenMayReadAsync(street.Screen.Id, sha)));
        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().ScreenMayReadAsync(inside.Screen.Id, sha)));
        var status = (await fixture.WithAsync(s => s.GetRequiredService<AlertService>().StatusAsync(alert.Id)))!;
        Assert.Equal(inside.Screen.Id, Assert.Single(status.Screens).ScreenId);
        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<AlertService>().EndAsync(alert.Id)));
    }

    Task<Announcement> RaiseAsync(string title, Target target, int minutes) =>
        fixture.WithAsync(s => s.GetRequiredService<AlertService>().RaiseAsync(new RaiseAlert(title, "Suivez les consignes.", [target], minutes)));

    Task<bool> AckAsync(Guid screenId, Guid alertId) =>
        fixture.WithAsync(s => s.GetRequiredService<AlertService>().AcknowledgeAsync(screenId, alertId));

    Task<IReadOnlyList<AlertMessage>> ActiveForAsync(Screen screen) =>
        fixture.WithAsync(s => s.GetRequiredService<AlertService>().ActiveForScreenAsync(screen.Id, screen.SiteId, screen.GroupIds, screen.VisibleFromStreet));

    async Task<ScreenManifest> CurrentAsync(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))!;
}
