namespace Signage.Core.Content;

/// <summary>The organisation's look on every slide, set by an Administrator: one row.</summary>
public class OrganisationTheme
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string Name { get; set; } = "Mairie";

    /// <summary>Background of the slides, #RRGGBB.</summary>
    public string Primary { get; set; } = "#0B2E4F";

    /// <summary>Bands and rules, #RRGGBB.</summary>
    public string Accent { get; set; } = "#F2B134";

    /// <summary>Logo from the media library, by asset hash.</summary>
    public string? LogoSha256 { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
