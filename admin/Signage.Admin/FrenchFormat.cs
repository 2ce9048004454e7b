using Signage.Core.Sites;
using Signage.Core.Text;

namespace Signage.Admin;

/// <summary>Dates as French staff read them: "samedi 28 novembre 2026 à 14 h 30", in Europe/Paris unless a site's zone is given.</summary>
public static class FrenchFormat
{
    static readonly TimeZoneInfo Paris = Site.DefaultZone;

    public static string DateTime(DateTimeOffset instant) => DateTime(instant, Paris);

    /// <summary>"14 h 30" in Europe/Paris.</summary>
    public static string Time(DateTimeOffset instant) => Time(instant, Paris);

    /// <summary>"14 h 30" on the wall clock of <paramref name="zone"/>.</summary>
    public static string Time(DateTimeOffset instant, TimeZoneInfo zone) => FrenchDates.Time(instant, zone);

    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        // Unlike FrenchDates.Instant, the console's tables also keep "à" on the line of its time.
        return $"{FrenchDates.Date(DateOnly.FromDateTime(local))} à\u00A0{FrenchDates.Time(TimeOnly.FromDateTime(local))}";
    }

    // French numbers whatever cultures the host has installed: decimal comma, no-break space between thousands.
    internal static readonly System.Globalization.NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = "\u00A0",
        NumberGroupSizes = [3],
    };

    /// <summary>"200 Mo", "0,5 Mo" (1 Mo = 1024 × 1024 octets, as the limits are set).</summary>
    public static string Megabytes(long bytes) => $"{(bytes / 1024d / 1024d).ToString("#,0.#", Numbers)}\u00A0Mo";

    /// <summary>"12,5 s", "1 min 30 s", "1 h 2 min": how long a video plays.</summary>
    public static string Duration(double seconds)
    {
        if (seconds < 60)
        {
            return $"{Math.Round(seconds, 1).ToString("0.#", Numbers)}\u00A0s";
        }

        var total = (long)Math.Round(seconds);
        var parts = new List<string>(3);
        if (total >= 3600)
        {
            parts.Add($"{total / 3600}\u00A0h");
        }

        if (total % 3600 >= 60)
        {
            parts.Add($"{total % 3600 / 60}\u00A0min");
        }

        if (total % 60 > 0)
        {
            parts.Add($"{total % 60}\u00A0s");
        }

        return string.Join(' ', parts);
    }
}
