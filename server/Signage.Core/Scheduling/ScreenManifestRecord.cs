namespace Signage.Core.Scheduling;

/// <summary>The current manifest of a screen, as sent to it: canonical JSON, version and hash.</summary>
public class ScreenManifestRecord
{
    public Guid ScreenId { get; set; }
    public long Version { get; set; }
    public required string Hash { get; set; }
    public required string BodyJson { get; set; }

    /// <summary>Hashes of the assets the manifest references: the only assets this screen may download.</summary>
    public List<string> AssetHashes { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
