using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Audit;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Core.Tests.Scheduling;

/// <summary>Schedule entries and ticker lines edited and deleted after the fact, as the console's lists do.</summary>
public class ScheduleEditingTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task AnEntryMovedToAnotherGroupLeavesTheFirstGroupsScreensAndReachesTheOthers()
    {
        var first = await fixture.GroupAsync($"Hall {Guid.NewGuid():N}");
        var second = await fixture.GroupAsync($"Accueil {Guid.NewGuid():N}");
        var lobby = await fixture.ScreenAsync("Hall", first.Id);
        var desk = await fixture.ScreenAsync("Accueil", second.Id);
        var announcement = await fixture.PublishedAsync("Marché de Noël", first.Id);
        var entry = await Schedule(s => s.AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, first.Id)])));

        var times = new TimeRange(new TimeOnly(8, 0), new TimeOnly(20, 0));
        await Schedule(s => s.UpdateAsync(entry.Id, new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, second.Id)],
            Days: [DayOfWeek.Saturday], Times: [times], Tier: Tier.Override)));

        Assert.DoesNotContain((await CurrentAsync(lobby.Screen.Id))!.Body.Items, i => i.Id == entry.Id);
        var item = Assert.Single((await CurrentAsync(desk.Screen.Id))!.Body.Items, i => i.Id == entry.Id);
        Assert.Equal(Tier.Override, item.Tier);
        Assert.Equal([times], item.Window!.Times!);
        Assert.Equal([entry.Id], (await Schedule(s => s.ForTargetAsync(new Target(TargetKind.Screen, desk.Screen.Id)))).Select(e => e.Id));
        Assert.DoesNotContain(await Schedule(s => s.ForTargetAsync(new Target(TargetKind.Group, first.Id))), e => e.Id == entry.Id);
        Assert.Contains(await AuditAsync(entry.Id), a => a == "schedule.updated");
    }

    [Fact]
    public async Task ADeletedEntryStopsPlayingAndAnInvalidEditChangesNothing()
    {
        var group = await fixture.GroupAsync($"Médiathèque {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Médiathèque", group.Id);
        var announcement = await fixture.PublishedAsync("Heure du conte", group.Id);
        var entry = await Schedule(s => s.AddAsync(new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, group.Id)], Weight: 2)));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Schedule(s => s.UpdateAsync(entry.Id,
            new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, group.Id)], From: TestClock.Start, Until: TestClock.Start.AddHours(-1)))));
        Assert.Contains("until", refused.Errors.Keys);
        await using (var db = fixture.Database.CreateDb())
        {
            var kept = await db.ScheduleEntries.AsNoTracking().SingleAsync(e => e.Id == entry.Id);
            Assert.Equal((2, (DateTimeOffset?)null), (kept.Weight, kept.Until));
        }

        await Schedule(async s => { await s.DeleteAsync(entry.Id); return true; });

        Assert.DoesNotContain((await CurrentAsync(screen.Screen.Id))!.Body.Items, i => i.Id == entry.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => Schedule(async s => { await s.DeleteAsync(entry.Id); return true; }));
        Assert.Contains(await AuditAsync(entry.Id), a => a == "schedule.deleted");
    }

    [Fact]
    public async Task ATickerLineEditedThenDeletedChangesThenLeavesTheBand()
    {
        var group = await fixture.GroupAsync($"Bandeau {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Hall", group.Id);
        var line = await Ticker(t => t.AddAsync(new NewTickerLine("Piscine fermée lundi", [new Target(TargetKind.Group, group.Id)])));

        await Ticker(t => t.UpdateAsync(line.Id, new NewTickerLine("  Piscine fermée mardi ", [new Target(TargetKind.Group, group.Id)])));
        Assert.Equal(["Piscine fermée mardi"], (await CurrentAsync(screen.Screen.Id))!.Body.Ticker!.Select(l => l.Text));
        await Assert.ThrowsAsync<ValidationException>(() => Ticker(t => t.UpdateAsync(line.Id, new NewTickerLine("", [new Target(TargetKind.Group, group.Id)]))));
        Assert.Contains(await Ticker(t => t.ListAsync()), l => l.Id == line.Id && l.Text == "Piscine fermée mardi");

        await Ticker(async t => { await t.DeleteAsync(line.Id); return true; });
        Assert.Empty((await CurrentAsync(screen.Screen.Id))!.Body.Ticker ?? []);
        Assert.DoesNotContain(await Ticker(t => t.ListAsync()), l => l.Id == line.Id);
    }

    [Fact]
    public void TheWeekShowsEachDayItPlaysWithItsHoursAndTheDatesCuttingThem()
    {
        var paris = TimeZones.Find("Europe/Paris");
        var monday = new DateOnly(2026, 11, 23);
        var weekdays = ScheduleEntry.Create(Guid.NewGuid(), [], "a", TestClock.Start, Tier.Scheduled,
            days: [DayOfWeek.Monday, DayOfWeek.Tuesday], times: [new TimeRange(new TimeOnly(8, 0), new TimeOnly(20, 0))]);
        // From Saturday 28 November 14:30 in Paris (13:30 UTC) on, every day.
        var weekend = ScheduleEntry.Create(Guid.NewGuid(), [], "a", TestClock.Start, Tier.Override,
            from: new DateTimeOffset(2026, 11, 28, 13, 30, 0, TimeSpan.Zero));

        var slots = ScheduleWeek.Of([weekdays, weekend], monday, paris);

        Assert.Equal(
            [
                (monday, Tier.Scheduled, (TimeOnly?)new TimeOnly(8, 0), (TimeOnly?)new TimeOnly(20, 0)),
                (monday.AddDays(1), Tier.Scheduled, new TimeOnly(8, 0), new TimeOnly(20, 0)),
                (monday.AddDays(5), Tier.Override, new TimeOnly(14, 30), null),
                (monday.AddDays(6), Tier.Override, null, null),
            ],
            slots.Select(s => (s.Day, s.Tier, s.Start, s.End)));
    }

    Task<T> Schedule<T>(Func<ScheduleService, Task<T>> call) => fixture.WithAsync(s => call(s.GetRequiredService<ScheduleService>()));

    Task<T> Ticker<T>(Func<TickerService, Task<T>> call) => fixture.WithAsync(s => call(s.GetRequiredService<TickerService>()));

    Task<ScreenManifest?> CurrentAsync(Guid screenId) =>
        fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId));

    async Task<List<string>> AuditAsync(Guid subject)
    {
        await using var db = fixture.Database.CreateDb();
        return await db.AuditEntries.AsNoTracking().Where(a => a.SubjectId == subject).Select(a => a.Action).ToListAsync();
    }
}
