using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

/// <summary>
/// What the rotation should answer, written from its rules (docs/ARCHITECTURE.md, "Scheduling and
/// rotation", and the contracts' comments) without calling <see cref="Rotation"/> or <see cref="Windows"/>.
/// Wall clocks come from the zones' own rules, not from <see cref="TimeZoneInfo"/>: Europe/Paris is
/// UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October, changing at 01:00 UTC;
/// the overseas zones used here keep one offset all year.
/// </summary>
public static class RotationOracle
{
    /// <summary>The UTC offset of a zone at an instant.</summary>
    public static TimeSpan Offset(string zone, DateTimeOffset instant) => zone switch
    {
        "Europe/Paris" => instant >= SummerStarts(instant.UtcDateTime.Year) && instant < SummerEnds(instant.UtcDateTime.Year) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1),
        "America/Cayenne" => TimeSpan.FromHours(-3),
        "Indian/Reunion" => TimeSpan.FromHours(4),
        "Pacific/Noumea" => TimeSpan.FromHours(11),
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "no rule written for this zone"),
    };

    /// <summary>The European summer time change: the last Sunday of March, 01:00 UTC.</summary>
    public static DateTimeOffset SummerStarts(int year) => LastSunday(year, 3);

    /// <summary>The European return to standard time: the last Sunday of October, 01:00 UTC.</summary>
    public static DateTimeOffset SummerEnds(int year) => LastSunday(year, 10);

    /// <summary>What the zone's wall clock reads at an instant.</summary>
    public static DateTime WallClock(string zone, DateTimeOffset instant) => instant.UtcDateTime.Add(Offset(zone, instant));

    /// <summary>
    /// The instants at which the wall clock reads <paramref name="local"/>, earliest first: two in the
    /// repeated autumn hour, and in the missing spring hour the instant the clock jumps past it.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Instants(string zone, DateTime local)
    {
        var reading = new List<DateTimeOffset>();
        foreach (var offset in OffsetsOf(zone))
        {
            var candidate = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
            if (Offset(zone, candidate) == offset)
            {
                reading.Add(candidate);
            }
        }

        // Skipped: in Paris the only gap is the spring change, whose instant is the first with a later reading.
        return reading.Count > 0 ? reading : [SummerStarts(local.Year)];
    }

    /// <summary>The offsets a zone's clock runs at during the year, largest (earliest instant for one reading) first.</summary>
    static TimeSpan[] OffsetsOf(string zone) => zone == "Europe/Paris"
        ? [TimeSpan.FromHours(2), TimeSpan.FromHours(1)]
        : [Offset(zone, DateTimeOffset.UnixEpoch)];

    /// <summary>
    /// Open when the instant is within [From, Until), and the wall clock's day is one of the days, and
    /// its time within one of the ranges (start inclusive, end exclusive). A range ending at or before
    /// its start runs past midnight and belongs to the day it starts on.
    /// </summary>
    public static bool IsOpen(PlayWindow? window, DateTimeOffset instant, string zone)
    {
        if (window is null)
        {
            return true;
        }

        if (window.From is { } from && instant < from)
        {
            return false;
        }

        if (window.Until is { } until && instant >= until)
        {
            return false;
        }

        var wall = WallClock(zone, instant);
        var time = TimeOnly.FromDateTime(wall);
        var today = wall.DayOfWeek;
        var yesterday = wall.AddDays(-1).DayOfWeek;
        bool PlaysOn(DayOfWeek day) => window.Days is null || window.Days.Contains(day);
        if (window.Times is null)
        {
            return PlaysOn(today);
        }

        foreach (var range in window.Times)
        {
            if (range.Start < range.End)
            {
                if (time >= range.Start && time < range.End && PlaysOn(today))
                {
                    return true;
                }
            }
            else if ((time >= range.Start && PlaysOn(today)) || (time < range.End && PlaysOn(yesterday)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The instants between <paramref name="from"/> and <paramref name="to"/> (give or take two days)
    /// at which a window may open or close: its From and Until, the wall clock reading each range's
    /// start and end on every day, midnight every day when it is limited to some days, and the clock
    /// changes that open or close it. Sorted.
    /// </summary>
    public static List<DateTimeOffset> Edges(PlayWindow? window, string zone, DateTimeOffset from, DateTimeOffset to)
    {
        var edges = new List<DateTimeOffset>();
        if (window is null)
        {
            return edges;
        }

        edges.AddRange(new[] { window.From, window.Until }.OfType<DateTimeOffset>());
        if (window.Days is not null || window.Times is not null)
        {
            // The clock jumping forward or going back changes what it reads without reaching a listed time:
            // the change is an edge when the window is open on one side of it only.
            if (zone == "Europe/Paris")
            {
                var changes = new[] { SummerStarts(from.Year), SummerEnds(from.Year), SummerStarts(to.Year), SummerEnds(to.Year) };
                edges.AddRange(changes.Where(c => IsOpen(window, c.AddTicks(-1), zone) != IsOpen(window, c, zone)));
            }

            for (var date = WallClock(zone, from).Date.AddDays(-2); date <= WallClock(zone, to).Date.AddDays(2); date = date.AddDays(1))
            {
                if (window.Days is not null)
                {
                    edges.AddRange(Instants(zone, date));
                }

                foreach (var range in window.Times ?? [])
                {
                    edges.AddRange(Instants(zone, date + range.Start.ToTimeSpan()));
                    edges.AddRange(Instants(zone, date + range.End.ToTimeSpan()));
                }
            }
        }

        edges.Sort();
        return edges;
    }

    /// <summary>The items sharing the screen: those whose window is open, of the highest tier among them, in manifest order.</summary>
    public static List<ManifestItem> Rotating(ManifestBody body, DateTimeOffset instant)
    {
        var open = body.Items.Where(i => IsOpen(i.Window, instant, body.Screen.TimeZone)).ToList();
        if (open.Count == 0)
        {
            return open;
        }

        var top = open.Max(i => i.Tier);
        return [.. open.Where(i => i.Tier == top)];
    }

    /// <summary>
    /// One cycle of a set of items by smooth weighted round-robin: at each slot every item gains its
    /// weight (1 to 100) in credit, the one with the most credit (the first in manifest order on a tie)
    /// plays and gives back the total of the weights.
    /// </summary>
    public static List<ManifestItem> Cycle(IReadOnlyList<ManifestItem> rotating)
    {
        var weights = rotating.Select(i => Math.Min(Math.Max(i.Weight, 1), 100)).ToArray();
        var total = weights.Sum();
        var credit = new int[weights.Length];
        var cycle = new List<ManifestItem>();
        for (var slot = 0; slot < total; slot++)
        {
            var chosen = 0;
            for (var k = 0; k < weights.Length; k++)
            {
                credit[k] += weights[k];
            }

            for (var k = 1; k < weights.Length; k++)
            {
                if (credit[k] > credit[chosen])
                {
                    chosen = k;
                }
            }

            credit[chosen] -= total;
            cycle.Add(rotating[chosen]);
        }

        return cycle;
    }

    /// <summary>The item on screen and its slot: the cycle repeats from the Unix epoch, each slot lasting its item's duration (at least a second).</summary>
    public static (ManifestItem Item, DateTimeOffset SlotStart, DateTimeOffset SlotEnd)? Slot(ManifestBody body, DateTimeOffset instant)
    {
        var rotating = Rotating(body, instant);
        if (rotating.Count == 0)
        {
            return null;
        }

        var cycle = Cycle(rotating);
        var length = cycle.Sum(DurationMs);
        var epochMs = instant.ToUnixTimeMilliseconds();
        var intoCycle = ((epochMs % length) + length) % length;
        var cycleStart = epochMs - intoCycle;
        long slotStart = 0;
        foreach (var item in cycle)
        {
            if (intoCycle < slotStart + DurationMs(item))
            {
                return (item, DateTimeOffset.FromUnixTimeMilliseconds(cycleStart + slotStart), DateTimeOffset.FromUnixTimeMilliseconds(cycleStart + slotStart + DurationMs(item)));
            }

            slotStart += DurationMs(item);
        }

        throw new InvalidOperationException("an offset within the cycle falls in one of its slots");
    }

    /// <summary>
    /// What <see cref="Rotation.At"/> should answer: the item of the slot, shown since the slot's start or
    /// the last window edge if later, until the slot's end or the next window edge if sooner, and the item
    /// on screen then. <paramref name="edges"/> holds every window edge of the body around the instant, sorted.
    /// </summary>
    public static RotationSlot? At(ManifestBody body, DateTimeOffset instant, IReadOnlyList<DateTimeOffset> edges)
    {
        if (Slot(body, instant) is not { } slot)
        {
            return null;
        }

        var startedAt = slot.SlotStart;
        var nextAt = slot.SlotEnd;
        foreach (var edge in edges)
        {
            if (edge <= instant && edge > startedAt)
            {
                startedAt = edge;
            }

            if (edge > instant && edge < nextAt)
            {
                nextAt = edge;
            }
        }

        return new RotationSlot(slot.Item, startedAt, nextAt, Slot(body, nextAt)?.Item);
    }

    /// <summary>Every window edge of a body's items between two instants (give or take two days), sorted.</summary>
    public static List<DateTimeOffset> Edges(ManifestBody body, DateTimeOffset from, DateTimeOffset to)
    {
        var edges = body.Items.SelectMany(i => Edges(i.Window, body.Screen.TimeZone, from, to)).Distinct().ToList();
        edges.Sort();
        return edges;
    }

    static long DurationMs(ManifestItem item) => Math.Max(1, item.DurationSeconds) * 1000L;

    static DateTimeOffset LastSunday(int year, int month)
    {
        var day = new DateTime(year, month, DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Unspecified);
        while (day.DayOfWeek != DayOfWeek.Sunday)
        {
            day = day.AddDays(-1);
        }

        return new DateTimeOffset(day, TimeSpan.Zero);
    }
}
