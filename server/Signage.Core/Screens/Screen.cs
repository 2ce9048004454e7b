using Signage.Contracts.Manifests;
using Signage.Core.Sites;

namespace Signage.Core.Screens;

public class Screen
{
    public const int MaxNameLength = Names.MaxLength;

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
    public const int MaxNameLength = Names.MaxLength;

    public Guid Id { get; set; }
    public required string Name { get; set; }
}
