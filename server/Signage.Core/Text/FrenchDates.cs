using System.Globalization;

namespace Signage.Core.Text;

/// <summary>
/// Dates and times as French staff and citizens read them: "mardi 1er décembre 2026 à 14 h 30".
/// The fr-FR culture alone writes neither "1er" nor "14 h 30".
/// </summary>
public static class FrenchDates
{
    // No-break spaces keep "28 novembre" and "14 h 30" on one line whatever the renderer's width.
    const char Nbsp = '\u00A0';

    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"samedi 28 novembre 2026", "mardi 1er décembre 2026".</summary>
    public static string Date(DateOnly date) =>
        $"{French.DateTimeFormat.GetDayName(date.DayOfWeek).ToLower(French)} {DayMonth(date)} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"28 novembre", "1er décembre".</summary>
    public static string DayMonth(DateOnly date)
    {
        var day = date.Day == 1 ? "1er" : date.Day.ToString(CultureInfo.InvariantCulture);
        return $"{day}{Nbsp}{French.DateTimeFormat.GetMonthName(date.Month).ToLower(French)}";
    }

    /// <summary>"14 h 30", "9 h", "0 h 15"; seconds are dropped.</summary>
    public static string Time(TimeOnly time)
    {
        var hour = time.Hour.ToString(CultureInfo.InvariantCulture);
        return time.Minute == 0
            ? $"{hour}{Nbsp}h"
            : $"{hour}{Nbsp}h{Nbsp}{time.Minute.ToString("00", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The time of <paramref name="instant"/> on the wall clock of <paramref name="zone"/>.</summary>
    public static string Time(DateTimeOffset instant, TimeZoneInfo zone) => Time(TimeOnly.FromDateTime(WallClock(instant, zone)));

    /// <summary>"samedi 28 novembre 2026 à 14 h 30" on the wall clock of <paramref name="zone"/>.</summary>
    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = WallClock(instant, zone);
        return $"{Date(DateOnly.FromDateTime(local))} à {Time(TimeOnly.FromDateTime(local))}";
    }

    static DateTime WallClock(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTime(instant, zone).DateTime;
    }
}
