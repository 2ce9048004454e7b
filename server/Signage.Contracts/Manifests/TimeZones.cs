using System.Collections.Concurrent;

namespace Signage.Contracts.Manifests;

/// <summary>IANA time zones by id, looked up once.</summary>
public static class TimeZones
{
    static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new();

    /// <summary>The zone for an IANA id such as Europe/Paris or America/Cayenne.</summary>
    /// <exception cref="TimeZoneNotFoundException">The id is not a known time zone.</exception>
    public static TimeZoneInfo Find(string ianaId) => Zones.GetOrAdd(ianaId, TimeZoneInfo.FindSystemTimeZoneById);

    /// <summary>True when <paramref name="ianaId"/> names a known time zone.</summary>
    public static bool Exists(string ianaId)
    {
        try
        {
            Find(ianaId);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
