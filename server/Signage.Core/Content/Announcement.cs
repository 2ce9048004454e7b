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
}

public class Announcement
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>Staff content (internal notes) never reaches a Public screen.</summary>
    public Audience Audience { get; set; } = Audience.Public;
    public AnnouncementStatus Status { get; set; }
    public string? AssetSha256 { get; set; }
    public int DurationSeconds { get; set; } = 10;
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? LastRenderError { get; set; }
}
