using Signage.Core.Text;

namespace Signage.Admin;

/// <summary>Dates as French staff read them: "samedi 28 novembre 2026 à 14 h 30", in Europe/Paris unless a site's zone is given.</summary>
public static class FrenchFormat
{
    static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string DateTime(DateTimeOffset instant) => DateTime(instant, Paris);

    /// <summary>"14 h 30" on the wall clock of <paramref name="zone"/>.</summary>
    public static string Time(DateTimeOffset instant, TimeZoneInfo zone) => FrenchDates.Time(instant, zone);

    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        // Unlike FrenchDates.Instant, the console's tables also keep "à" on the line of its time.
        return $"{FrenchDates.Date(DateOnly.FromDateTime(local))} à\u00A0{FrenchDates.Time(TimeOnly.FromDateTime(local))}";
    }
}
