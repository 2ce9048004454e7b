using Signage.Contracts.Manifests;

namespace Signage.Core.Content;

public enum AnnouncementStatus
{
    /// <summary>Being written; only staff see it.</summary>
    Draft,
    /// <summary>Sent by its Editor for a Publisher's approval.</summary>
    Submitted,
    /// <summary>Accepted; the render job has not produced its image yet. Not on any screen.</summary>
    Rendering,
    /// <summary>Rendered and in the manifests of its screens.</summary>
    Published,
    /// <summary>Taken off every screen and out of the library's default view; kept for the record, never shown again.</summary>
    Archived,
}

/// <summary>What an announcement is about: it sets the colour band and the label on the slide.</summary>
public enum Category
{
    Information,
    Evenement,
    FermetureTravaux,
    Alerte,
    NoteInterne,
}

public class Announcement
{
    public const int MaxTitleLength = 120;
    public const int MaxBodyLength = 1000;
    public const int MaxLinkLength = 500;
    public const int MaxReviewCommentLength = 500;

    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public Category Category { get; set; } = Category.Information;

    /// <summary>Key of the slide template (see <see cref="Rendering.Templates"/>).</summary>
    public string Template { get; set; } = "bandeau";

    /// <summary>Optional image from the media library, by asset hash.</summary>
    public string? ImageSha256 { get; set; }

    /// <summary>Optional web address, drawn as a QR code and kept as text for the accessible version.</summary>
    public string? Link { get; set; }

    /// <summary>Staff content (internal notes) never reaches a Public screen.</summary>
    public Audience Audience { get; set; } = Audience.Public;

    /// <summary>Never on a screen seen from the street (an intrusion alert must not warn the intruder).</summary>
    public bool HiddenFromStreet { get; set; }
    public AnnouncementStatus Status { get; set; }
    public string? AssetSha256 { get; set; }
    public int DurationSeconds { get; set; } = 10;
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? LastRenderError { get; set; }

    /// <summary>Why a Publisher sent the draft back, shown to its Editor until it is submitted again.</summary>
    public string? ReviewComment { get; set; }
    public string? ReviewedBy { get; set; }
}
