using System.Text.Json;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Scheduling;

/// <summary>
/// The composition rules over random schedules, checked against an oracle written out here from the
/// rules rather than from <see cref="ManifestComposer"/>: a screen gets every entry that names it, one
/// of its groups or its site (by the target's kind, not just its id), unless the content is internal
/// and the screen public, or the entry has ended; oldest entry first, ties by id. Each seed runs
/// <see cref="Cases"/> cases, and every failure names its seed and case.
/// </summary>
public class ManifestComposerPropertyTests
{
    const int Cases = 1_000;
    const string Zone = "Europe/Paris";
    static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    static readonly (int Width, int Height)[] Sizes = [(1280, 720), (1366, 768), (1920, 1080), (2560, 1440), (3840, 2160), (1080, 1920), (720, 1280)];
    static readonly RenderSize[] SlideSizes = [new(1280, 720), new(1920, 1080), new(3840, 2160), new(1080, 1920)];

    [Theory]
    [InlineData(1789)]
    [InlineData(1848)]
    [InlineData(1871)]
    [InlineData(1905)]
    [InlineData(1936)]
    [InlineData(1944)]
    [InlineData(1968)]
    [InlineData(1981)]
    public void EachScreenGetsTheLiveEntriesAndTickerLinesThatReachItInCreationOrder(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < Cases; n++)
        {
            var world = RandomWorld(random);
            var byTarget = ManifestComposer.IndexByTarget(world.Scheduled);
            for (var k = 0; k < world.Screens.Count; k++)
            {
                var where = $"seed {seed}, case {n}, screen {k}";
                var screen = world.Screens[k];
                var power = random.Next(3) == 0 ? new PowerPlan([new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(18, 0))], [], null) : null;
                var fromList = Composed(() => ManifestComposer.Compose(screen, Zone, world.Scheduled, Now, power), where);
                var fromIndex = Composed(() => ManifestComposer.Compose(screen, Zone, byTarget, Now, power), where);
                var ticker = Composed(() => ManifestComposer.TickerFor(screen, world.Ticker, Now), where);

                var expected = ExpectedBody(screen, world.Scheduled, power);
                foreach (var (name, actual) in new[] { ("list", fromList), ("index", fromIndex) })
                {
                    if (screen.Audience == Audience.Public && actual.Items.FirstOrDefault(i => i.Audience == Audience.Staff) is { } leaked)
                    {
                        Assert.Fail($"{where} ({name}): internal item {leaked.Id} on a public screen");
                    }

                    Same(IdList(expected.Items), IdList(actual.Items), $"{where} ({name}): item ids in order");
                    Same(Json(expected), Json(actual), $"{where} ({name}): manifest body");
                }

                Same(Json(ExpectedTicker(screen, world.Ticker)), Json(ticker), $"{where}: ticker lines");
            }
        }
    }

    // The oracle: the rules of docs/ARCHITECTURE.md ("Scheduling and rotation"), written out case by case.

    static ManifestBody ExpectedBody(Screen screen, List<ScheduledContent> scheduled, PowerPlan? power)
    {
        var reaching = new List<ScheduledContent>();
        foreach (var content in scheduled)
        {
            var named = false;
            foreach (var target in content.Entry.Targets)
            {
                named |= IsOneOfItsNames(screen, target.Kind, target.TargetId);
            }

            var internalOnPublic = content.Announcement.Audience == Audience.Staff && screen.Audience == Audience.Public;
            var ended = content.Entry.Until is { } until && until <= Now;
            // An intrusion alert must not warn the intruder through a window.
            var seenFromStreet = content.Announcement.HiddenFromStreet && screen.VisibleFromStreet;
            if (named && !internalOnPublic && !ended && !seenFromStreet)
            {
                reaching.Add(content);
            }
        }

        reaching.Sort((a, b) => Older(a.Entry.CreatedAt, a.Entry.Id, b.Entry.CreatedAt, b.Entry.Id));
        var items = new List<ManifestItem>();
        foreach (var content in reaching)
        {
            var entry = content.Entry;
            var announcement = content.Announcement;
            var text = new List<string> { announcement.Title };
            if (announcement.Body.Length > 0)
            {
                text.Add(announcement.Body);
            }

            if (!string.IsNullOrEmpty(announcement.Link))
            {
                text.Add(announcement.Link);
            }

            var unbounded = entry.From is null && entry.Until is null && entry.Days.Count == 0 && entry.Times.Count == 0;
            var window = unbounded ? null : new PlayWindow(entry.From, entry.Until, entry.Days.Count == 0 ? null : entry.Days, entry.Times.Count == 0 ? null : entry.Times);
            var slide = SlideFor(content, screen);
            items.Add(new ManifestItem(
                entry.Id, announcement.Id, ItemKind.RenderedAnnouncement, new AssetRef(slide.Sha256, slide.Size, slide.MediaType),
                entry.DurationSeconds, string.Join('\n', text), entry.Tier, entry.Weight, announcement.Audience, window,
                $"« {announcement.Title} », programmée pour {content.TargetNames}"));
        }

        return new ManifestBody(screen.Id, new ScreenSettings(screen.Width, screen.Height, Zone, screen.Audience), items, power);
    }

    static List<TickerLine>? ExpectedTicker(Screen screen, List<TickerMessage> messages)
    {
        var reaching = new List<TickerMessage>();
        foreach (var message in messages)
        {
            var named = false;
            foreach (var target in message.Targets)
            {
                named |= IsOneOfItsNames(screen, target.Kind, target.Id);
            }

            var internalOnPublic = message.Audience == Audience.Staff && screen.Audience == Audience.Public;
            var ended = message.Until is { } until && until <= Now;
            if (named && !internalOnPublic && !ended)
            {
                reaching.Add(message);
            }
        }

        if (reaching.Count == 0)
        {
            return null;
        }

        reaching.Sort((a, b) => Older(a.CreatedAt, a.Id, b.CreatedAt, b.Id));
        return [.. reaching.Select(m => new TickerLine(m.Id, m.Text, m.From is null && m.Until is null ? null : new PlayWindow(m.From, m.Until)))];
    }

    /// <summary>A screen answers to its own id as a screen, to each of its groups as a group and to its site as a site.</summary>
    static bool IsOneOfItsNames(Screen screen, TargetKind kind, Guid id) =>
        (kind == TargetKind.Screen && id == screen.Id)
        || (kind == TargetKind.Group && screen.GroupIds.Contains(id))
        || (kind == TargetKind.Site && id == screen.SiteId);

    static int Older(DateTimeOffset aCreated, Guid aId, DateTimeOffset bCreated, Guid bId) =>
        aCreated != bCreated ? aCreated.CompareTo(bCreated) : aId.CompareTo(bId);

    /// <summary>Portrait screens take the portrait slide, landscape ones the smallest slide at least as wide (4K beyond); the 1920×1080 slide when that one was not rendered.</summary>
    static Asset SlideFor(ScheduledContent content, Screen screen)
    {
        RenderSize size = screen.Height > screen.Width ? new(1080, 1920)
            : screen.Width <= 1280 ? new(1280, 720)
            : screen.Width <= 1920 ? new(1920, 1080)
            : new(3840, 2160);
        return content.Renditions is not null && content.Renditions.TryGetValue(size, out var rendition) ? rendition : content.Asset;
    }

    // Random worlds: target ids are drawn across kinds, so a group target holding a site's id must not reach that site.

    sealed record World(List<Screen> Screens, List<ScheduledContent> Scheduled, List<TickerMessage> Ticker);

    static World RandomWorld(Random random)
    {
        var sites = Ids(random, 3);
        var groups = Ids(random, 4);
        var screens = Enumerable.Range(0, 5).Select(_ =>
        {
            var (width, height) = Sizes[random.Next(Sizes.Length)];
            return new Screen
            {
                Id = NewId(random),
                Name = "s",
                TokenHash = "h",
                GroupIds = [.. groups.Where(_ => random.Next(3) == 0)],
                SiteId = Pick(random, sites),
                Audience = random.Next(3) == 0 ? Audience.Staff : Audience.Public,
                VisibleFromStreet = random.Next(3) == 0,
                Width = width,
                Height = height,
            };
        }).ToList();
        Guid[] unknown = [NewId(random)];
        Guid[] everything = [.. sites, .. groups, .. screens.Select(s => s.Id), .. unknown];
        Target RandomTarget()
        {
            var kind = (TargetKind)random.Next(3);
            var ofItsKind = kind switch
            {
                TargetKind.Site => sites,
                TargetKind.Group => groups,
                _ => [.. screens.Select(s => s.Id), .. unknown],
            };
            return new Target(kind, Pick(random, random.Next(4) == 0 ? everything : ofItsKind));
        }

        var scheduled = Enumerable.Range(0, random.Next(0, 12)).Select(_ => RandomContent(random, [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomTarget())])).ToList();
        var ticker = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new TickerMessage
        {
            Id = NewId(random),
            Text = $"ligne {random.Next(100)}",
            Audience = RandomAudience(random),
            Targets = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => RandomTarget())],
            From = random.Next(3) == 0 ? Now.AddHours(random.Next(-48, 48)) : null,
            Until = RandomUntil(random),
            CreatedBy = "x",
            CreatedAt = Now.AddMinutes(-random.Next(6)),
        }).ToList();
        return new World(screens, scheduled, ticker);
    }

    static ScheduledContent RandomContent(Random random, List<Target> targets)
    {
        var entryId = NewId(random);
        var announcement = new Announcement
        {
            Id = NewId(random),
            Title = $"titre {random.Next(100)}",
            Body = random.Next(3) == 0 ? "" : "texte",
            Link = random.Next(3) switch { 0 => null, 1 => "", _ => "https://example.fr" },
            CreatedBy = "x",
            Audience = RandomAudience(random),
            HiddenFromStreet = random.Next(4) == 0,
        };
        var entry = new ScheduleEntry
        {
            Id = entryId,
            AnnouncementId = announcement.Id,
            Targets = [.. targets.Select(t => new ScheduleTarget { EntryId = entryId, Kind = t.Kind, TargetId = t.Id })],
            From = random.Next(3) == 0 ? Now.AddHours(random.Next(-48, 48)) : null,
            Until = RandomUntil(random),
            Days = random.Next(4) == 0 ? [.. Enum.GetValues<DayOfWeek>().Where(_ => random.Next(2) == 0)] : [],
            Times = random.Next(4) == 0 ? [new TimeRange(new TimeOnly(random.Next(24), 0), new TimeOnly(random.Next(24), 30))] : [],
            Tier = (Tier)random.Next(4),
            Weight = random.Next(1, 6),
            DurationSeconds = random.Next(5, 31),
            CreatedBy = "x",
            // Few distinct instants, so entries created together are ordered by id.
            CreatedAt = Now.AddMinutes(-random.Next(6)),
        };
        var renditions = SlideSizes.Where(_ => random.Next(2) == 0).ToDictionary(s => s, s => Slide(random, s));
        return new ScheduledContent(entry, announcement, Slide(random, new RenderSize(1920, 1080)), $"la cible {random.Next(100)}", renditions.Count == 0 ? null : renditions);
    }

    static Asset Slide(Random random, RenderSize size) =>
        new() { Sha256 = Convert.ToHexStringLower(NewId(random).ToByteArray()) + new string('0', 32), MediaType = "image/png", Size = size.Width + random.Next(1000) };

    /// <summary>Sometimes none, sometimes exactly now (ended), otherwise within two days either side.</summary>
    static DateTimeOffset? RandomUntil(Random random) => random.Next(4) switch
    {
        0 => Now,
        1 => Now.AddMinutes(random.Next(-2880, 2880)),
        _ => null,
    };

    static Audience RandomAudience(Random random) => random.Next(2) == 0 ? Audience.Staff : Audience.Public;

    static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    static Guid[] Ids(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => NewId(random))];

    static Guid Pick(Random random, Guid[] ids) => ids[random.Next(ids.Length)];

    static string IdList(IEnumerable<ManifestItem> items) => string.Join(", ", items.Select(i => i.Id));

    /// <summary>Production code's result, or its exception with the seed and case that raised it.</summary>
    static T Composed<T>(Func<T> compose, string where)
    {
        try
        {
            return compose();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{where}: composing threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    static string Json<T>(T value) => JsonSerializer.Serialize(value, ManifestCanonical.Options);

    static void Same(string expected, string actual, string what)
    {
        if (expected != actual)
        {
            Assert.Fail($"{what}\nexpected: {expected}\nactual:   {actual}");
        }
    }
}
