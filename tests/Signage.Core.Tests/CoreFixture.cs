using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Alerts;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Screens;
using Signage.Core.Writes;
using Signage.TestSupport;

namespace Signage.Core.Tests;

/// <summary>One migrated database, asset folder and service provider per test class.</summary>
public sealed class CoreFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public TempFolder Assets { get; } = new();
    public RecordingNotifier Notifier { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Services = CoreTestServices.Build(Database, Assets.Path, Notifier);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        Assets.Dispose();
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<ScreenGroup> GroupAsync(string name) =>
        WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync(name));

    /// <summary>Publishes to a group and runs the render job as Hangfire would.</summary>
    public async Task<Announcement> PublishedAsync(string title, Guid groupId, Audience audience = Audience.Public, string body = "")
    {
        var announcement = await WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement(title, body, groupId, audience)));
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenderAnnouncementJob>().RunAsync(announcement.Id, CancellationToken.None);
        return announcement;
    }

    /// <summary>Adds a file to the media library as an upload does: received into the store's incoming folder, then stored.</summary>
    public Task<(MediaItem Item, bool Created)> UploadAsync(byte[] bytes, string name, string actor = "editrice@mairie.test") =>
        WithAsync(async s =>
        {
            s.GetRequiredService<CurrentActor>().Set(actor);
            var library = s.GetRequiredService<MediaLibrary>();
            using var source = new MemoryStream(bytes);
            var temp = await library.ReceiveAsync(source, null, CancellationToken.None);
            return await library.UploadAsync(temp, name, CancellationToken.None);
        });

    /// <summary>Runs the scaled-copies job an upload enqueues, as Hangfire would.</summary>
    public async Task MakeCopiesAsync(Guid mediaItemId)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MediaCopiesJob>().RunAsync(mediaItemId, CancellationToken.None);
    }

    /// <summary>The media items whose scaled-copies job waits in its Hangfire queue, after renders.</summary>
    public IReadOnlyList<Guid> QueuedCopies() =>
    [
        .. Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs(MediaCopiesJob.Queue, 0, int.MaxValue)
            .Select(j => j.Value.Job)
            .Where(j => j.Type == typeof(MediaCopiesJob))
            .Select(j => (Guid)j.Args[0]),
    ];

    /// <summary>
    /// Runs, as a Hangfire worker would, the manifest refresh that raising this alert queued once its message was
    /// sent; fails if none waits in the queue.
    /// </summary>
    public async Task RefreshAlertManifestsAsync(Guid alertId)
    {
        var queued = Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs(EnqueuedState.DefaultQueue, 0, int.MaxValue)
            .Select(j => j.Value.Job)
            .Where(j => j.Type == typeof(AlertManifestsJob) && (Guid)j.Args[0] == alertId);
        Assert.Single(queued);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlertManifestsJob>().RunAsync(alertId, CancellationToken.None);
    }

    public Task<CreatedScreen> ScreenAsync(string name, Guid groupId) =>
        WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(name, groupId));
}
