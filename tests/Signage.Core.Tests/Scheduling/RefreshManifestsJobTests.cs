using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.TestSupport;

namespace Signage.Core.Tests.Scheduling;

public sealed class RefreshManifestsJobTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task ExpiredEntryLeavesTheManifestOnceAndLaterRunsChangeNothing()
    {
        var clock = new SettableClock { Now = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero) };
        var notifier = new RecordingNotifier();
        await using var services = CoreTestServices.Build(fixture.Database, fixture.Assets.Path, notifier, s => s.AddSingleton<TimeProvider>(clock));
        var group = await fixture.GroupAsync($"Expiry {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Hall", group.Id);
        var announcement = await With(services, s => s.GetRequiredService<AnnouncementService>().PublishAsync(new PublishAnnouncement("Soldes d'hiver", "", group.Id)));
        await With(services, async s => { await s.GetRequiredService<RenderAnnouncementJob>().RunAsync(announcement.Id, CancellationToken.None); return 0; });
        await With(services, s => s.GetRequiredService<ScheduleService>().AddAsync(
            new NewScheduleEntry(announcement.Id, [new Target(TargetKind.Group, group.Id)], Until: clock.Now.AddHours(1), Tier: Contracts.Manifests.Tier.Override)));
        Assert.Equal(2, (await Current(services, screen.Screen.Id)).Body.Items.Count);

        clock.Now = clock.Now.AddHours(2);
        await With(services, async s => { await s.GetRequiredService<RefreshManifestsJob>().RunAsync(CancellationToken.None); return 0; });
        var afterExpiry = await Current(services, screen.Screen.Id);
        var pushes = notifier.Pushes.Count;
        await With(services, async s => { await s.GetRequiredService<RefreshManifestsJob>().RunAsync(CancellationToken.None); return 0; });

        Assert.Single(afterExpiry.Body.Items);
        Assert.Equal(afterExpiry.Version, (await Current(services, screen.Screen.Id)).Version);
        Assert.Equal(pushes, notifier.Pushes.Count);
    }

    static async Task<T> With<T>(ServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    static async Task<Contracts.Manifests.ScreenManifest> Current(ServiceProvider services, Guid screenId) =>
        (await With(services, s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))!;

    sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
