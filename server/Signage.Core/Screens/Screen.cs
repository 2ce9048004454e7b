namespace Signage.Core.Screens;

public class Screen
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid GroupId { get; set; }
    public ScreenGroup? Group { get; set; }
    public int Width { get; set; } = 1920;
    public int Height { get; set; } = 1080;
    public string TimeZone { get; set; } = "Europe/Paris";

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
