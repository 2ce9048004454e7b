using Signage.Contracts.Manifests;

namespace Signage.Core.Scheduling;

/// <summary>A short line for the ticker band of the screens it targets.</summary>
public class TickerMessage
{
    public const int MaxLength = 120;

    public Guid Id { get; set; }
    public required string Text { get; set; }
    public Audience Audience { get; set; } = Audience.Public;
    public List<Target> Targets { get; set; } = [];
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? Until { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
