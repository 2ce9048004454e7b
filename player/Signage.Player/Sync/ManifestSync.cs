using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Player.Cache;
using Signage.Player.Display;
using Signage.Player.Journal;

namespace Signage.Player.Sync;

/// <summary>
/// Starts from the cache, then keeps a SignalR connection to the server: on every (re)connection
/// it asks for anything newer than the version it holds, and applies pushed manifests once all
/// their assets are downloaded and verified, so the screen never switches to something missing.
/// A manifest whose assets cannot be downloaded yet is tried again with backoff until it, or a
/// newer one, is applied. Alerts come as their own messages: the picture for this screen's size is
/// fetched, the alert held until its end, and confirmed to the server once the display page has
/// drawn it (again after a reconnection if the confirmation could not be sent). The plays the display journalled
/// are uploaded on the same connection (<see cref="PlayUploader"/>).
/// </summary>
public sealed class ManifestSync(
    IOptions<PlayerOptions> options,
    PlayerCache cache,
    PlayerState state,
    DeviceIdentity identity,
    FleetReporter reporter,
    PlayUploader uploader,
    PlayJournal journal,
    IHttpClientFactory httpFactory,
    TimeProvider clock,
    ILogger<ManifestSync> logger) : BackgroundService
{
    readonly PlayerOptions settings = options.Value;
    readonly Lock gate = new();
    readonly SemaphoreSlim offered = new(0);
    ScreenManifest? wanted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await cache.LoadAsync(stoppingToken) is { } cached)
        {
            state.Use(cached);
            logger.LogInformation("Playing manifest version {Version} from the cache.", cached.Version);
        }

        // A screen not paired yet plays nothing from the server until pairing stores its token.
        await identity.WaitAsync(stoppingToken);
        await Task.WhenAll(KeepConnectedAsync(stoppingToken), ApplyOffersAsync(stoppingToken));
    }

    async Task KeepConnectedAsync(CancellationToken stoppingToken)
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(settings.ServerUrl), PlayerHubContract.Path), o =>
                o.AccessTokenProvider = () => Task.FromResult(identity.Token))
            .WithAutomaticReconnect(new Backoff())
            .Build();

        connection.On<ScreenManifest>(nameof(IPlayerClient.ManifestChanged), m =>
        {
            Offer(m);
            return Task.CompletedTask;
        });
        connection.On<AlertMessage>(nameof(IPlayerClient.AlertRaised), a => HoldAlertAsync(a, stoppingToken));
        connection.On<Guid>(nameof(IPlayerClient.AlertCleared), id =>
        {
            state.ClearAlert(id);
            logger.LogInformation("Alert {AlertId} ended.", id);
        });
        var confirming = ConfirmAlertsAsync(connection, stoppingToken);
        var reporting = reporter.RunAsync(connection, stoppingToken);
        var checking = CheckManifestAsync(connection, stoppingToken);
        var uploading = uploader.RunAsync(connection, stoppingToken);
        connection.Reconnecting += _ =>
        {
            state.SetConnected(false);
            return Task.CompletedTask;
        };
        connection.Reconnected += _ => OnConnectedAsync(connection, stoppingToken);
        var closed = new SemaphoreSlim(0);
        connection.Closed += _ =>
        {
            state.SetConnected(false);
            closed.Release();
            return Task.CompletedTask;
        };

        var backoff = new Backoff();
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // SignalR reconnects by itself once connected; only a closed connection is started again here.
            if (connection.State == HubConnectionState.Disconnected)
            {
                try
                {
                    await connection.StartAsync(stoppingToken);
                    attempt = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Cannot reach the server ({Message}); playing from the cache.", e.Message);
                    await Task.Delay(backoff.Delay(attempt++), stoppingToken);
                    continue;
                }

                try
                {
                    await OnConnectedAsync(connection, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Connected, but the first sync failed ({Message}); it is retried on the next reconnection.", e.Message);
                }
            }

            await closed.WaitAsync(stoppingToken);
        }

        await Task.WhenAll(confirming, reporting, checking, uploading);
    }

    /// <summary>
    /// Asks for anything newer every <see cref="PlayerOptions.ManifestCheckInterval"/> while connected, so that a push
    /// lost on the way (a backplane down, a proxy that cut the message) is healed without a reconnection.
    /// </summary>
    async Task CheckManifestAsync(HubConnection connection, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(settings.ManifestCheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (connection.State != HubConnectionState.Connected)
                {
                    continue;
                }

                try
                {
                    var newer = await connection.InvokeAsync<ScreenManifest?>(PlayerHubContract.Sync, state.Manifest?.Version ?? 0, ct);
                    if (newer is not null)
                    {
                        logger.LogInformation("The periodic check found manifest version {Version}, which no push brought.", newer.Version);
                        Offer(newer);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("The periodic manifest check failed ({Message}); the next one tries again.", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    async Task HoldAlertAsync(AlertMessage alert, CancellationToken ct)
    {
        if (!alert.IsActive(clock.GetUtcNow()))
        {
            return;
        }

        var (width, height) = state.ScreenSize;
        if (alert.ImageFor(width, height) is not { } image)
        {
            logger.LogError("Alert {AlertId} carries no picture: ignored.", alert.AlertId);
            return;
        }

        try
        {
            if (!cache.HasAsset(image.Asset.Sha256))
            {
                await DownloadAsync(image.Asset, ct);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The connection replays active alerts: the next reconnection tries again.
            logger.LogError("Cannot fetch the picture of alert {AlertId} ({Message}).", alert.AlertId, e.Message);
            return;
        }

        state.HoldAlert(new HeldAlert(alert, image));
        logger.LogWarning("Alert {AlertId} on screen until {Until:O}.", alert.AlertId, alert.Until);
    }

    /// <summary>Sends the display's confirmations as they come, and those that waited once connected again.</summary>
    async Task ConfirmAlertsAsync(HubConnection connection, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await state.WaitForShownAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var alertId in state.Unconfirmed())
            {
                if (connection.State != HubConnectionState.Connected)
                {
                    break;
                }

                try
                {
                    // False means the server no longer holds it active for this screen: nothing to retry.
                    await connection.InvokeAsync<bool>(PlayerHubContract.AckAlert, alertId, ct);
                    state.Confirmed(alertId);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Cannot confirm alert {AlertId} yet ({Message}).", alertId, e.Message);
                }
            }
        }
    }

    async Task OnConnectedAsync(HubConnection connection, CancellationToken ct)
    {
        state.SetConnected(true);
        state.WakeConfirmations();
        journal.Wake();
        var newer = await connection.InvokeAsync<ScreenManifest?>(PlayerHubContract.Sync, state.Manifest?.Version ?? 0, ct);
        if (newer is not null)
        {
            Offer(newer);
        }
    }

    /// <summary>Hands an intact manifest newer than any offered before to <see cref="ApplyOffersAsync"/>.</summary>
    void Offer(ScreenManifest manifest)
    {
        if (!ManifestCanonical.IsIntact(manifest))
        {
            logger.LogError("Manifest version {Version} does not match its hash: ignored.", manifest.Version);
            return;
        }

        lock (gate)
        {
            if (wanted?.Version >= manifest.Version)
            {
                return;
            }

            wanted = manifest;
        }

        offered.Release();
    }

    /// <summary>
    /// Applies the newest offered manifest, one at a time. When an asset fails (the server lost it,
    /// the network dropped, the bytes did not match their hash), it waits with backoff, or until a
    /// newer manifest is offered, and tries again: the screen keeps playing what it has meanwhile.
    /// </summary>
    async Task ApplyOffersAsync(CancellationToken ct)
    {
        var backoff = new Backoff();
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            if (failures == 0)
            {
                await offered.WaitAsync(ct);
            }
            else
            {
                await offered.WaitAsync(backoff.Delay(failures - 1), ct);
            }

            ScreenManifest? next;
            lock (gate)
            {
                next = wanted;
            }

            if (next is null || state.Manifest?.Version >= next.Version)
            {
                failures = 0;
                continue;
            }

            try
            {
                await ApplyAsync(next, ct);
                failures = 0;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failures++;
                logger.LogWarning("Manifest version {Version} is not applied yet ({Message}); trying again (attempt {Attempt}).", next.Version, e.Message, failures + 1);
            }
        }
    }

    async Task ApplyAsync(ScreenManifest manifest, CancellationToken ct)
    {
        foreach (var asset in manifest.Body.Items.Select(i => i.Asset).DistinctBy(a => a.Sha256))
        {
            if (!cache.HasAsset(asset.Sha256))
            {
                await DownloadAsync(asset, ct);
            }
        }

        await cache.SaveManifestAsync(manifest, ct);
        state.Use(manifest);
        state.HoldAlertsOf(manifest);
        cache.PruneExcept(manifest.Body.Items.Select(i => i.Asset.Sha256).Concat(state.AlertFiles()).ToHashSet());
        logger.LogInformation("Now playing manifest version {Version} ({Count} items).", manifest.Version, manifest.Body.Items.Count);
    }

    async Task DownloadAsync(AssetRef asset, CancellationToken ct)
    {
        var http = httpFactory.CreateClient(nameof(ManifestSync));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(settings.ServerUrl), PlayerHubContract.AssetPath(asset.Sha256)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.Token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await cache.StoreAssetAsync(body, asset.Sha256, ct);
    }

    public override void Dispose()
    {
        offered.Dispose();
        base.Dispose();
    }
}

/// <summary>Exponential backoff with full jitter, capped, never giving up: thousands of screens must not reconnect in step.</summary>
public sealed class Backoff : IRetryPolicy
{
    static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    public TimeSpan Delay(int attempt)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(attempt, 10)));
        return TimeSpan.FromMilliseconds(250 + (Random.Shared.NextDouble() * ceiling));
    }

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay((int)retryContext.PreviousRetryCount);
}
