using Signage.Core.Fleet;

namespace Signage.Admin.Screens;

/// <summary>A screen's state in words, as the fleet page and the home page say it.</summary>
public static class FleetState
{
    public static string Of(FleetScreen screen, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (screen.Revoked)
        {
            return "jeton révoqué";
        }

        if (screen.LastHeardAt is not { } heard)
        {
            return "jamais connecté";
        }

        if (screen.Online)
        {
            return "en ligne";
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(heard, zone).DateTime);
        return day == today ? $"hors ligne depuis {FrenchFormat.Time(heard, zone)}" : $"hors ligne depuis le {FrenchFormat.DateTime(heard, zone)}";
    }
}
