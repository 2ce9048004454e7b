namespace Signage.Contracts.Manifests;

/// <summary>
/// Play windows on a site's wall clock. A local time that does not exist (the spring-forward gap)
/// takes effect when the clock jumps past it; one that happens twice (the autumn fall-back)
/// takes effect at both occurrences, as a person reading the wall clock would expect: a range opened
/// in the repeated hour closes when the clock goes back, until it reads the range's start again.
/// </summary>
public static class Windows
{
    const int SearchDays = 8;

    /// <summary>True when the window is open at <paramref name="instant"/>; a null window is always open.</summary>
    public static bool IsOpen(PlayWindow? window, DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (window is null)
        {
            return true;
        }

        if ((window.From is { } from && instant < from) || (window.Until is { } until && instant >= until))
        {
            return false;
        }

        if (window.Days is null && window.Times is null)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        if (window.Times is null)
        {
            return PlaysOn(window, local.DayOfWeek);
        }

        foreach (var range in window.Times)
        {
            var open = range.CrossesMidnight
                ? (time >= range.Start && PlaysOn(window, local.DayOfWeek)) || (time < range.End && PlaysOn(window, local.AddDays(-1).DayOfWeek))
                : time >= range.Start && time < range.End && PlaysOn(window, local.DayOfWeek);
            if (open)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first instant after <paramref name="instant"/> where the window may open or close, or null if none within a week.</summary>
    public static DateTimeOffset? NextEdge(PlayWindow? window, DateTimeOffset instant, TimeZoneInfo zone) =>
        Edge(window, instant, zone, forward: true);

    /// <summary>The last instant at or before <paramref name="instant"/> where the window opened or closed, or null if none within a week.</summary>
    public static DateTimeOffset? LastEdge(PlayWindow? window, DateTimeOffset instant, TimeZoneInfo zone) =>
        Edge(window, instant, zone, forward: false);

    static DateTimeOffset? Edge(PlayWindow? window, DateTimeOffset instant, TimeZoneInfo zone, bool forward)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (window is null)
        {
            return null;
        }

        DateTimeOffset? best = null;
        Consider(window.From);
        Consider(window.Until);
        if (window.Days is not null || window.Times is not null)
        {
            // Scan local days outward from today, stopping at the first day holding an edge on the right side
            // (From or Until may be on that side already, further away: they do not end the scan).
            var today = TimeZoneInfo.ConvertTime(instant, zone).Date;
            var step = forward ? 1 : -1;
            var found = false;
            for (var d = -step; Math.Abs(d) <= SearchDays && !found; d += step)
            {
                foreach (var edge in LocalEdges(window, today.AddDays(d), zone))
                {
                    found |= Consider(edge);
                }
            }
        }

        return best;

        // True when the edge is on the searched side of the instant.
        bool Consider(DateTimeOffset? edge)
        {
            if (edge is not { } e)
            {
                return false;
            }

            var onSide = forward ? e > instant : e <= instant;
            if (onSide && (best is null || (forward ? e < best : e > best)))
            {
                best = e;
            }

            return onSide;
        }
    }

    static bool PlaysOn(PlayWindow window, DayOfWeek day) => window.Days is null || window.Days.Contains(day);

    static IEnumerable<DateTimeOffset> LocalEdges(PlayWindow window, DateTime date, TimeZoneInfo zone)
    {
        // Going back, the clock reads earlier times again without reaching any listed time: a range opened in the repeated hour closes there.
        if (ClockChange(date, zone) is { } change && IsOpen(window, change.AddTicks(-1), zone) != IsOpen(window, change, zone))
        {
            yield return change;
        }

        if (window.Days is not null)
        {
            foreach (var instant in Instants(date, zone))
            {
                yield return instant;
            }
        }

        foreach (var range in window.Times ?? [])
        {
            foreach (var instant in Instants(date + range.Start.ToTimeSpan(), zone))
            {
                yield return instant;
            }

            foreach (var instant in Instants(date + range.End.ToTimeSpan(), zone))
            {
                yield return instant;
            }
        }
    }

    /// <summary>The instants at which the wall clock of <paramref name="zone"/> reads <paramref name="local"/>, or reaches past it across a gap.</summary>
    public static IEnumerable<DateTimeOffset> Instants(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local).OrderByDescending(o => o);
            return offsets.Select(o => new DateTimeOffset(local, o)).ToArray();
        }

        if (zone.IsInvalidTime(local))
        {
            return [GapEnd(local, zone)];
        }

        return [new DateTimeOffset(local, zone.GetUtcOffset(local))];
    }

    /// <summary>The instant during this local date at which the zone's clock changes its offset, or null.</summary>
    static DateTimeOffset? ClockChange(DateTime date, TimeZoneInfo zone)
    {
        var start = Instants(date, zone).First();
        var end = Instants(date.AddDays(1), zone).First();
        var after = zone.GetUtcOffset(end.AddSeconds(-1));
        if (zone.GetUtcOffset(start) == after)
        {
            return null;
        }

        var low = start.ToUnixTimeSeconds();
        var high = end.ToUnixTimeSeconds() - 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(middle)) == after)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(low);
    }

    /// <summary>The first instant whose wall-clock time is at or after a local time that falls in a DST gap.</summary>
    static DateTimeOffset GapEnd(DateTime local, TimeZoneInfo zone)
    {
        var before = zone.GetUtcOffset(local.AddDays(-1));
        var after = zone.GetUtcOffset(local.AddDays(1));
        var low = new DateTimeOffset(local - (before > after ? before : after), TimeSpan.Zero).ToUnixTimeSeconds();
        var high = new DateTimeOffset(local - (before > after ? after : before), TimeSpan.Zero).ToUnixTimeSeconds();
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(middle), zone).DateTime >= local)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(low);
    }
}
