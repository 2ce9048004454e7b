using System.Globalization;

namespace Signage.Admin;

/// <summary>Dates as French staff read them: "samedi 28 novembre 2026 à 14 h 30", in Europe/Paris unless a site's zone is given.</summary>
public static class FrenchFormat
{
    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string DateTime(DateTimeOffset instant) => DateTime(instant, Paris);

    /// <summary>"14 h 30" on the wall clock of <paramref name="zone"/>.</summary>
    public static string Time(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return local.Minute == 0 ? $"{local.Hour}\u00A0h" : $"{local.Hour}\u00A0h\u00A0{local.Minute:00}";
    }

    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = local.Day == 1 ? "1er" : local.Day.ToString(French);
        // No-break spaces keep "14 h 30" and "28 novembre" on one line.
        return $"{local.ToString("dddd", French)} {day}\u00A0{local.ToString("MMMM", French)} {local.Year} à\u00A0{Time(instant, zone)}";
    }
}
