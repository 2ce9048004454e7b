using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Screens;
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
        WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync(name, "test"));

    public Task<CreatedScreen> ScreenAsync(string name, Guid groupId) =>
        WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(name, groupId, "test"));
}
