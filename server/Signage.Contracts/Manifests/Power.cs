namespace Signage.Contracts.Manifests;

/// <summary>Opening hours of one weekday on the site's wall clock.</summary>
/// <param name="Day">The weekday.</param>
/// <param name="Open">Opening time.</param>
/// <param name="Close">Closing time, after <paramref name="Open"/>.</param>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Open, TimeOnly Close);

/// <summary>
/// When a screen's display may be on: the site's opening hours (none listed = always open),
/// minus closed days (exceptional closures, public holidays), minus the night curfew of screens
/// visible from the street. Read on the site's wall clock.
/// </summary>
/// <param name="Hours">Opening hours per weekday; empty means open all the time.</param>
/// <param name="ClosedDays">Local dates on which the site is closed all day.</param>
/// <param name="Curfew">Local time range during which the display is off whatever the hours (01:00–06:00 for street-visible screens), or null.</param>
public sealed record PowerPlan(IReadOnlyList<OpeningHours> Hours, IReadOnlyList<DateOnly> ClosedDays, TimeRange? Curfew)
{
    /// <summary>Always on.</summary>
    public static PowerPlan AlwaysOn { get; } = new([], [], null);

    /// <summary>The night curfew of screens seen from a public road (energy rules).</summary>
    public static TimeRange StreetCurfew { get; } = new(new TimeOnly(1, 0), new TimeOnly(6, 0));

    /// <summary>True when the display should be on at <paramref name="instant"/>.</summary>
    public bool IsOn(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        if (ClosedDays.Contains(DateOnly.FromDateTime(local)))
        {
            return false;
        }

        if (Curfew is { } curfew && (curfew.CrossesMidnight ? time >= curfew.Start || time < curfew.End : time >= curfew.Start && time < curfew.End))
        {
            return false;
        }

        return Hours.Count == 0 || Hours.Any(h => h.Day == local.DayOfWeek && time >= h.Open && time < h.Close);
    }
}
