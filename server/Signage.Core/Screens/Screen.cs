using Signage.Contracts.Manifests;

namespace Signage.Core.Screens;

public class Screen
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The groups this screen belongs to: content for any of them plays here.</summary>
    public List<Guid> GroupIds { get; set; } = [];
    public Guid SiteId { get; set; }
    public Site? Site { get; set; }
    public int Width { get; set; } = 1920;
    public int Height { get; set; } = 1080;

    /// <summary>Public screens (lobbies) never receive Staff content, not even as a cached file.</summary>
    public Audience Audience { get; set; } = Audience.Public;

    /// <summary>Typical distance of readers, in metres: sets the minimum readable text height.</summary>
    public double ViewingDistanceMeters { get; set; } = 3;

    /// <summary>Diagonal of the panel in inches: with the viewing distance, it sets the minimum text height in pixels.</summary>
    public double DiagonalInches { get; set; } = 55;

    /// <summary>Seen from a public road: off 01:00–06:00 whatever the opening hours.</summary>
    public bool VisibleFromStreet { get; set; }

    /// <summary>SHA-256 of the device token; the token itself is shown once and never stored.</summary>
    public required string TokenHash { get; set; }
    public DateTimeOffset? TokenRevokedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }
}

public class ScreenGroup
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>A building with screens: its time zone sets how every local time of its screens is read.</summary>
public class Site
{
    public const string DefaultTimeZone = "Europe/Paris";

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>Opening hours on the site's wall clock; empty means open all the time.</summary>
    public List<OpeningHours> OpeningHours { get; set; } = [];

    /// <summary>French public holidays close the site (screens off).</summary>
    public bool ClosedOnPublicHolidays { get; set; } = true;

    /// <summary>Which holidays: the national ones plus Alsace-Moselle's or an overseas territory's own.</summary>
    public HolidayCalendar Holidays { get; set; } = HolidayCalendar.Metropole;
    public List<SiteClosure> Closures { get; set; } = [];
}

/// <summary>An exceptional closure of a site for one local day (strike, works, bridge day).</summary>
public class SiteClosure
{
    public Guid SiteId { get; set; }
    public DateOnly Date { get; set; }
    public required string Reason { get; set; }
}
