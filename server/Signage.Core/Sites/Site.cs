using Signage.Contracts.Manifests;
using Signage.Core.Screens;

namespace Signage.Core.Sites;

/// <summary>A building with screens: its time zone sets how every local time of its screens is read.</summary>
public class Site
{
    public const string DefaultTimeZone = "Europe/Paris";

    /// <summary>The zone of the console and of sites that do not say otherwise.</summary>
    public static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);
    public const int MaxNameLength = Names.MaxLength;
    public const int MaxTimeZoneLength = 64;

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
    public const int MaxReasonLength = 200;

    public Guid SiteId { get; set; }
    public DateOnly Date { get; set; }
    public required string Reason { get; set; }
}
