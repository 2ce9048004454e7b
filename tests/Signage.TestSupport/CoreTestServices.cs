using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core;
using Signage.Core.Jobs;
using Signage.Core.Scheduling;

namespace Signage.TestSupport;

/// <summary>
/// Core's services on a test database, as a host wires them, with Hangfire's client on the same
/// database (the server part of Hangfire stays off: tests run job classes directly).
/// </summary>
public static class CoreTestServices
{
    public static ServiceProvider Build(PostgresDatabase database, string assetRoot, IScreenNotifier notifier, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Signage:Storage:Root"] = assetRoot })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSignageCore(database.ConnectionString);
        services.AddSingleton<TimeProvider>(TestClock.New());
        services.AddSingleton(notifier);
        var storage = HangfireStorage(database.ConnectionString);
        services.AddSingleton<JobStorage>(storage);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        configure?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static PostgreSqlStorage HangfireStorage(string connectionString) => JobStorageSetup.Storage(connectionString);
}

/// <summary>Records what Core would push to players.</summary>
public sealed class RecordingNotifier : IScreenNotifier
{
    readonly List<(Guid ScreenId, ScreenManifest Manifest)> pushes = [];

    public IReadOnlyList<(Guid ScreenId, ScreenManifest Manifest)> Pushes
    {
        get
        {
            lock (pushes)
            {
                return [.. pushes];
            }
        }
    }

    public Task ManifestChangedAsync(Guid screenId, ScreenManifest manifest, CancellationToken ct)
    {
        lock (pushes)
        {
            pushes.Add((screenId, manifest));
        }

        return Task.CompletedTask;
    }

    readonly List<(string Kind, Guid AlertId, IReadOnlyCollection<Target> Targets, int PushesBefore)> alerts = [];

    /// <summary>Alert messages sent ("raised" or "cleared"), with how many manifest pushes had been made before each.</summary>
    public IReadOnlyList<(string Kind, Guid AlertId, IReadOnlyCollection<Target> Targets, int PushesBefore)> Alerts
    {
        get
        {
            lock (pushes)
            {
                return [.. alerts];
            }
        }
    }

    public Task AlertRaisedAsync(AlertMessage alert, IReadOnlyCollection<Target> targets, bool hiddenFromStreet, CancellationToken ct)
    {
        lock (pushes)
        {
            alerts.Add(("raised", alert.AlertId, targets, pushes.Count));
        }

        return Task.CompletedTask;
    }

    public Task AlertClearedAsync(Guid alertId, IReadOnlyCollection<Target> targets, CancellationToken ct)
    {
        lock (pushes)
        {
            alerts.Add(("cleared", alertId, targets, pushes.Count));
        }

        return Task.CompletedTask;
    }

    public Task DisconnectAsync(Guid screenId, CancellationToken ct) => Task.CompletedTask;
}
