using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Scheduling;

namespace Signage.Core.Tests.Content;

public class EditorialWorkflowTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task DraftStaysOffScreensUntilAPublisherApprovesIt()
    {
        var group = await fixture.GroupAsync("Hall workflow");
        var screen = await fixture.ScreenAsync("Hall workflow 1", group.Id);

        var draft = await Service(a => a.SaveDraftAsync(new DraftAnnouncement("Collecte des sapins", "Du 4 au 18 janvier.")));
        Assert.Equal(ContentStatus.Draft, await StatusAsync(draft.Id));
        await Service(async a => { await a.SubmitAsync(draft.Id); return true; });
        Assert.Equal(ContentStatus.Submitted, await StatusAsync(draft.Id));
        Assert.Empty(await ItemsAsync(screen.Screen.Id));

        await Service(a => a.ApproveAsync(draft.Id, group.Id));
        await fixture.WithAsync(async s => { await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(draft.Id, CancellationToken.None); return true; });

        Assert.Equal(ContentStatus.Live, await StatusAsync(draft.Id));
        Assert.Equal(draft.Id, Assert.Single(await ItemsAsync(screen.Screen.Id)).ContentId);
    }

    [Fact]
    public async Task WrongStepsAndUnknownIdsAreRefused()
    {
        var group = await fixture.GroupAsync("Hall workflow errors");
        var published = await fixture.PublishedAsync("Déjà en ligne", group.Id);

        var resubmit = await Assert.ThrowsAsync<ConflictException>(() => Service(async a => { await a.SubmitAsync(published.Id); return true; }));
        var reapprove = await Assert.ThrowsAsync<ConflictException>(() => Service(a => a.ApproveAsync(published.Id, group.Id)));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Service(a => a.ApproveAsync(Guid.NewGuid(), group.Id)));
        var emptyTitle = await Assert.ThrowsAsync<ValidationException>(() => Service(a => a.SaveDraftAsync(new DraftAnnouncement(" ", ""))));

        Assert.Equal("conflict", resubmit.Code);
        Assert.Equal("conflict", reapprove.Code);
        Assert.Equal("not-found", unknown.Code);
        Assert.Contains("title", emptyTitle.Errors.Keys);
    }

    Task<T> Service<T>(Func<AnnouncementService, Task<T>> action) => fixture.WithAsync(s => action(s.GetRequiredService<AnnouncementService>()));

    async Task<ContentStatus> StatusAsync(Guid id) =>
        (await Service(a => a.RecentAsync(100))).Single(a => a.Id == id).ContentStatus;

    async Task<IReadOnlyList<Signage.Contracts.Manifests.ManifestItem>> ItemsAsync(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))?.Body.Items ?? [];
}
