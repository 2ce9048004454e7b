using System.Globalization;

namespace Signage.Admin;

/// <summary>Dates as French staff read them: "samedi 28 novembre 2026 à 14 h 30", in Europe/Paris.</summary>
public static class FrenchFormat
{
    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string DateTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Paris);
        var day = local.Day == 1 ? "1er" : local.Day.ToString(French);
        // No-break spaces keep "14 h 30" and "28 novembre" on one line.
        var time = local.Minute == 0 ? $"{local.Hour}\u00A0h" : $"{local.Hour}\u00A0h\u00A0{local.Minute:00}";
        return $"{local.ToString("dddd", French)} {day}\u00A0{local.ToString("MMMM", French)} {local.Year} à\u00A0{time}";
    }
}
