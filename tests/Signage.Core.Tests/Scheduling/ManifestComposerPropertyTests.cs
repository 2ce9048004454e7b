using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Scheduling;

/// <summary>The composition rules over 10,000 random schedules from a fixed seed.</summary>
public class ManifestComposerPropertyTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NoStaffItemInAnyPublicManifestAndOnlyTargetedLiveEntries()
    {
        var random = new Random(1789);
        var sites = Ids(random, 3);
        var groups = Ids(random, 4);
        for (var n = 0; n < 10_000; n++)
        {
            var screens = Enumerable.Range(0, 5).Select(_ => new Screen
            {
                Id = Guid.NewGuid(),
                Name = "s",
                TokenHash = "h",
                GroupIds = [.. groups.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Pick(random, groups))],
                SiteId = Pick(random, sites),
                Audience = random.Next(3) == 0 ? Audience.Staff : Audience.Public,
            }).ToList();
            var scheduled = Enumerable.Range(0, random.Next(0, 12)).Select(_ => RandomContent(random, screens, sites, groups)).ToList();

            var byTarget = ManifestComposer.IndexByTarget(scheduled);
            foreach (var screen in screens)
            {
                var body = ManifestComposer.Compose(screen, "Europe/Paris", scheduled, Now);
                Assert.Equal(ManifestCanonical.Hash(body), ManifestCanonical.Hash(ManifestComposer.Compose(screen, "Europe/Paris", byTarget, Now)));

                if (screen.Audience == Audience.Public)
                {
                    Assert.DoesNotContain(body.Items, i => i.Audience == Audience.Staff);
                }

                var expected = scheduled
                    .Where(s => ManifestComposer.Targets(s.Entry, screen))
                    .Where(s => s.Announcement.Audience == Audience.Public || screen.Audience == Audience.Staff)
                    .Where(s => s.Entry.Until is null || s.Entry.Until > Now)
                    .Select(s => s.Entry.Id)
                    .Order();
                Assert.Equal(expected, body.Items.Select(i => i.Id).Order());
            }
        }
    }

    static ScheduledContent RandomContent(Random random, List<Screen> screens, Guid[] sites, Guid[] groups)
    {
        var entryId = Guid.NewGuid();
        var kind = (TargetKind)random.Next(3);
        var target = kind switch
        {
            TargetKind.Site => Pick(random, sites),
            TargetKind.Group => Pick(random, groups),
            _ => random.Next(4) == 0 ? Guid.NewGuid() : screens[random.Next(screens.Count)].Id,
        };
        var announcement = new Announcement
        {
            Id = Guid.NewGuid(),
            Title = "t",
            Body = "",
            CreatedBy = "x",
            Audience = random.Next(2) == 0 ? Audience.Staff : Audience.Public,
        };
        var entry = new ScheduleEntry
        {
            Id = entryId,
            AnnouncementId = announcement.Id,
            Targets = [new ScheduleTarget { EntryId = entryId, Kind = kind, TargetId = target }],
            Until = random.Next(3) == 0 ? Now.AddHours(random.Next(-48, 48)) : null,
            CreatedBy = "x",
            CreatedAt = Now.AddMinutes(-random.Next(10_000)),
        };
        return new ScheduledContent(entry, announcement, new Asset { Sha256 = new string('a', 64), MediaType = "image/png", Size = 1 }, "cible");
    }

    static Guid[] Ids(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => new Guid(random.Next(), 0, 0, new byte[8]))];

    static Guid Pick(Random random, Guid[] ids) => ids[random.Next(ids.Length)];
}
