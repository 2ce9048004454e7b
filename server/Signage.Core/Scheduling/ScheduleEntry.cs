using Signage.Contracts.Manifests;
using Signage.Core.Content;

namespace Signage.Core.Scheduling;

public enum TargetKind
{
    Site,
    Group,
    Screen,
}

/// <summary>Content × targets × validity: one rule that puts an announcement on screens.</summary>
public class ScheduleEntry
{
    public Guid Id { get; set; }
    public Guid AnnouncementId { get; set; }
    public Announcement? Announcement { get; set; }
    public List<ScheduleTarget> Targets { get; set; } = [];
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? Until { get; set; }

    /// <summary>Days it plays on; empty for every day.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary>Local time ranges it plays in; empty for the whole day.</summary>
    public List<TimeRange> Times { get; set; } = [];
    public Tier Tier { get; set; } = Tier.Scheduled;
    public int Weight { get; set; } = 1;
    public int DurationSeconds { get; set; } = 10;
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The one way entries are made: targets deduplicated, days in order.</summary>
    public static ScheduleEntry Create(Guid announcementId, IEnumerable<Target> targets, string createdBy, DateTimeOffset createdAt,
        Tier tier = Tier.Scheduled, DateTimeOffset? from = null, DateTimeOffset? until = null,
        IEnumerable<DayOfWeek>? days = null, IEnumerable<TimeRange>? times = null, int weight = 1, int durationSeconds = 10)
    {
        var id = Guid.NewGuid();
        return new ScheduleEntry
        {
            Id = id,
            AnnouncementId = announcementId,
            Targets = [.. targets.Distinct().Select(t => new ScheduleTarget { EntryId = id, Kind = t.Kind, TargetId = t.Id })],
            // PostgreSQL's timestamptz takes UTC only; the instant is what matters, not the offset it came with.
            From = from?.ToUniversalTime(),
            Until = until?.ToUniversalTime(),
            Days = [.. (days ?? []).Distinct().Order()],
            Times = [.. times ?? []],
            Tier = tier,
            Weight = weight,
            DurationSeconds = durationSeconds,
            CreatedBy = createdBy,
            CreatedAt = createdAt,
        };
    }

    public IEnumerable<Target> TargetList() => Targets.Select(t => new Target(t.Kind, t.TargetId));

    public PlayWindow? Window() =>
        From is null && Until is null && Days.Count == 0 && Times.Count == 0
            ? null
            : new PlayWindow(From, Until, Days.Count == 0 ? null : Days, Times.Count == 0 ? null : Times);
}

public class ScheduleTarget
{
    public Guid EntryId { get; set; }
    public TargetKind Kind { get; set; }
    public Guid TargetId { get; set; }
}
