using Signage.Core.Content;
using Signage.Core.Scheduling;

namespace Signage.Core.Tests.Content;

public class ContentStatusTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    static ScheduleEntry Entry(DateTimeOffset? from, DateTimeOffset? until) => new() { From = from, Until = until, CreatedBy = "x" };

    [Fact]
    public void RenderingOrUnscheduledContentIsApproved()
    {
        Assert.Equal(ContentStatus.Approved, ContentStatuses.Of(AnnouncementStatus.Rendering, [Entry(null, null)], Now));
        Assert.Equal(ContentStatus.Approved, ContentStatuses.Of(AnnouncementStatus.Published, [], Now));
    }

    [Fact]
    public void StatusFollowsTheEntriesValidity()
    {
        Assert.Equal(ContentStatus.Live, ContentStatuses.Of(AnnouncementStatus.Published, [Entry(null, null)], Now));
        Assert.Equal(ContentStatus.Live, ContentStatuses.Of(AnnouncementStatus.Published, [Entry(Now.AddDays(-1), Now.AddSeconds(1)), Entry(Now.AddDays(3), null)], Now));
        Assert.Equal(ContentStatus.Scheduled, ContentStatuses.Of(AnnouncementStatus.Published, [Entry(Now.AddDays(3), null), Entry(null, Now.AddDays(-1))], Now));
        Assert.Equal(ContentStatus.Expired, ContentStatuses.Of(AnnouncementStatus.Published, [Entry(null, Now)], Now));
    }
}
