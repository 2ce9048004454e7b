using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;

namespace Signage.Core.Tests.Scheduling;

public class ScheduleServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Func<Guid, Guid, NewScheduleEntry>> BadRules => new()
    {
        { "until", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], From: Monday, Until: Monday.AddHours(-1)) },
        { "days", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], Days: []) },
        { "times", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], Times: [new TimeRange(new TimeOnly(8, 0), new TimeOnly(12, 0)), new TimeRange(new TimeOnly(11, 0), new TimeOnly(14, 0))]) },
        { "times", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], Times: [new TimeRange(new TimeOnly(9, 0), new TimeOnly(9, 0))]) },
        { "durationSeconds", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], DurationSeconds: 0) },
        { "durationSeconds", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], DurationSeconds: 7 * 24 * 3600) },
        { "weight", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], Weight: 0) },
        { "targets", (a, g) => new NewScheduleEntry(a, []) },
        { "targets", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Site, Guid.NewGuid())]) },
        { "announcementId", (a, g) => new NewScheduleEntry(Guid.NewGuid(), [new Target(TargetKind.Group, g)]) },
        { "tier", (a, g) => new NewScheduleEntry(a, [new Target(TargetKind.Group, g)], Tier: Tier.Alert) },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task BadRuleIsRefusedOnItsFieldAndNothingChanges(string field, Func<Guid, Guid, NewScheduleEntry> rule)
    {
        var group = await fixture.GroupAsync($"Mauvaises règles {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Hall", group.Id);
        var announcement = await fixture.PublishedAsync("Vide-grenier", group.Id);
        var versionBefore = await VersionAsync(screen.Screen.Id);
        var entriesBefore = await EntryCountAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => AddAsync(rule(announcement.Id, group.Id)));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(entriesBefore, await EntryCountAsync());
        Assert.Equal(versionBefore, await VersionAsync(screen.Screen.Id));
    }

    [Fact]
    public async Task UnknownTimeZoneIsRefusedForASite()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            fixture.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync("Mairie annexe", "Europe/Lutece")));
        Assert.Contains("timeZone", error.Errors.Keys);
    }

    [Fact]
    public async Task AScheduledDurationTooShortToReadTheTextIsRaised()
    {
        var group = await fixture.GroupAsync($"Lecture {Guid.NewGuid():N}");
        var body = string.Join(' ', Enumerable.Repeat("La piscine municipale ferme pour vidange annuelle", 5));
        var announcement = await fixture.PublishedAsync("Piscine fermée", group.Id, body: body);

        var entry = await AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, group.Id)], DurationSeconds: 2));

        // 2 title words + 5 × 7 body words = 37 words: 3 s + 18.5 s, rounded up.
        Assert.Equal(22, entry.DurationSeconds);
    }

    [Fact]
    public async Task SiteRuleReachesOnlyThatSitesScreensWithItsWindowInTheSitesZone()
    {
        var cayenne = await fixture.WithAsync(s => s.GetRequiredService<SiteService>().CreateSiteAsync($"Cayenne {Guid.NewGuid():N}", "America/Cayenne"));
        var group = await fixture.GroupAsync($"Guyane {Guid.NewGuid():N}");
        var inSite = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Accueil", group.Id, cayenne.Id)));
        var elsewhere = await fixture.ScreenAsync("Ailleurs", group.Id);
        var announcement = await fixture.PublishedAsync("Marché du samedi", (await fixture.GroupAsync($"Autre {Guid.NewGuid():N}")).Id);
        var hours = new TimeRange(new TimeOnly(8, 0), new TimeOnly(12, 0));

        var entry = await AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Site, cayenne.Id)],
            Days: [DayOfWeek.Saturday], Times: [hours], Tier: Tier.Override, Weight: 2, DurationSeconds: 15));

        var manifest = (await CurrentAsync(inSite.Screen.Id))!;
        Assert.Equal("America/Cayenne", manifest.Body.Screen.TimeZone);
        var item = Assert.Single(manifest.Body.Items);
        Assert.Equal(entry.Id, item.Id);
        Assert.Equal(announcement.Id, item.ContentId);
        Assert.Equal(Tier.Override, item.Tier);
        Assert.Equal(2, item.Weight);
        Assert.Equal([DayOfWeek.Saturday], item.Window!.Days);
        Assert.Equal([hours], item.Window.Times);
        Assert.Contains("Marché du samedi", item.Rule);
        Assert.Contains($"le site {cayenne.Name}", item.Rule);
        // Saturday 12:00 UTC is 09:00 in Cayenne: on; 16:00 UTC is 13:00 there: off.
        Assert.Equal(item, Rotation.At(manifest.Body, new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero))?.Current);
        Assert.Null(Rotation.At(manifest.Body, new DateTimeOffset(2026, 11, 28, 16, 0, 0, TimeSpan.Zero)));
        Assert.DoesNotContain(await CurrentAsync(elsewhere.Screen.Id) is { } other ? other.Body.Items : [], i => i.Id == entry.Id);
    }

    [Fact]
    public async Task StaffNoticeNeverReachesAPublicScreenNorItsAsset()
    {
        var group = await fixture.GroupAsync($"Mairie mixte {Guid.NewGuid():N}");
        var lobby = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Hall public", group.Id)));
        var staffRoom = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Salle de pause", group.Id, Audience: Audience.Staff)));

        var notice = await fixture.PublishedAsync("Note interne : exercice incendie", group.Id, Audience.Staff);
        var forEveryone = await fixture.PublishedAsync("Horaires d'hiver", group.Id);

        var staffManifest = (await CurrentAsync(staffRoom.Screen.Id))!;
        var lobbyManifest = (await CurrentAsync(lobby.Screen.Id))!;
        Assert.Equal([notice.Id, forEveryone.Id], staffManifest.Body.Items.Select(i => i.ContentId));
        Assert.Equal([forEveryone.Id], lobbyManifest.Body.Items.Select(i => i.ContentId));
        await using var db = fixture.Database.CreateDb();
        var sha = await db.Announcements.Where(a => a.Id == notice.Id).Select(a => a.AssetSha256!).SingleAsync();
        Assert.False(await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().ScreenMayReadAsync(lobby.Screen.Id, sha)));
        Assert.True(await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().ScreenMayReadAsync(staffRoom.Screen.Id, sha)));
    }

    [Fact]
    public async Task ARuleForOneGroupLeavesOtherScreensUntouched()
    {
        var groupA = await fixture.GroupAsync($"A {Guid.NewGuid():N}");
        var groupB = await fixture.GroupAsync($"B {Guid.NewGuid():N}");
        var screenA = await fixture.ScreenAsync("A", groupA.Id);
        var screenB = await fixture.ScreenAsync("B", groupB.Id);
        await fixture.PublishedAsync("Pour B", groupB.Id);
        var announcement = await fixture.PublishedAsync("Pour A", groupA.Id);
        var pushesToB = fixture.Notifier.Pushes.Count(p => p.ScreenId == screenB.Screen.Id);
        var versionB = await VersionAsync(screenB.Screen.Id);

        await AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, groupA.Id)], Tier: Tier.Override, From: Monday));

        Assert.Equal(3, await VersionAsync(screenA.Screen.Id));
        Assert.Equal(versionB, await VersionAsync(screenB.Screen.Id));
        Assert.Equal(pushesToB, fixture.Notifier.Pushes.Count(p => p.ScreenId == screenB.Screen.Id));
    }

    Task<ScheduleEntry> AddAsync(NewScheduleEntry rule) =>
        fixture.WithAsync(s => s.GetRequiredService<ScheduleService>().AddAsync(rule));

    Task<ScreenManifest?> CurrentAsync(Guid screenId) =>
        fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId));

    async Task<long?> VersionAsync(Guid screenId) => (await CurrentAsync(screenId))?.Version;

    async Task<int> EntryCountAsync()
    {
        await using var db = fixture.Database.CreateDb();
        return await db.ScheduleEntries.CountAsync();
    }
}
