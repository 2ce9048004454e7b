using Signage.Core.Scheduling;

namespace Signage.Core.Content;

/// <summary>
/// Where a piece of content stands, computed one way for the console, the API and reports:
/// Editors draft and submit, Publishers approve (which schedules it), then time does the rest.
/// </summary>
public enum ContentStatus
{
    /// <summary>Being written.</summary>
    Draft,
    /// <summary>Waiting for a Publisher's approval.</summary>
    Submitted,
    /// <summary>Approved by a Publisher, not yet rendered or not scheduled anywhere.</summary>
    Approved,
    /// <summary>Has a schedule entry that starts later.</summary>
    Scheduled,
    /// <summary>Rendered and inside the validity of at least one entry.</summary>
    Live,
    /// <summary>Every entry has ended.</summary>
    Expired,
    /// <summary>Archived: off every screen for good.</summary>
    Archived,
}

public static class ContentStatuses
{
    public static ContentStatus Of(AnnouncementStatus status, IReadOnlyCollection<ScheduleEntry> entries, DateTimeOffset now)
    {
        if (status is AnnouncementStatus.Draft or AnnouncementStatus.Submitted)
        {
            return status == AnnouncementStatus.Draft ? ContentStatus.Draft : ContentStatus.Submitted;
        }

        if (status == AnnouncementStatus.Archived)
        {
            return ContentStatus.Archived;
        }

        if (status != AnnouncementStatus.Published || entries.Count == 0)
        {
            return ContentStatus.Approved;
        }

        if (entries.Any(e => (e.From is null || e.From <= now) && (e.Until is null || e.Until > now)))
        {
            return ContentStatus.Live;
        }

        return entries.Any(e => e.From > now) ? ContentStatus.Scheduled : ContentStatus.Expired;
    }
}
