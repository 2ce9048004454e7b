using System.Globalization;

namespace Signage.Admin;

/// <summary>
/// The values of <c>&lt;input type="time"&gt;</c> and <c>&lt;input type="datetime-local"&gt;</c>. A browser sends
/// "08:00", or "08:00:00" (and "08:00:00.000") once seconds were given or the field was written with them: every
/// form is read, to the minute, and the page writes the value back without seconds.
/// </summary>
public static class InputValues
{
    static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];
    static readonly string[] DateTimeFormats = [.. TimeFormats.Select(t => "yyyy-MM-dd'T'" + t)];

    /// <summary>"08:00" for a time input; empty for no time.</summary>
    public static string Time(TimeOnly? value) => value?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The time of a time input, seconds dropped; null when it is empty or not a time.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new TimeOnly(time.Hour, time.Minute)
            : null;

    /// <summary>"2026-06-05T08:00" for a datetime-local input; empty for no date.</summary>
    public static string DateTime(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The local date and time of a datetime-local input, seconds dropped; null when it is empty or not a date.</summary>
    public static DateTime? ParseDateTime(string? text) =>
        System.DateTime.TryParseExact(text?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified)
            : null;
}
