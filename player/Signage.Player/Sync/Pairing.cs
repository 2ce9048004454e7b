using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Player.Display;

namespace Signage.Player.Sync;

/// <summary>
/// For a player with no token: connects to the server's pairing hub, asks for a code (with the screen's resolution),
/// shows it on the display page until an Administrator claims it, and stores the token the hub then sends on this
/// connection. An expired code, or a connection lost (the server ties the code to the connection), gets a new code.
/// </summary>
public sealed class Pairing(IOptions<PlayerOptions> options, DeviceIdentity identity, PlayerState state, TimeProvider clock, ILogger<Pairing> logger) : BackgroundService
{
    readonly PlayerOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (identity.Token is not null)
        {
            return;
        }

        var backoff = new Backoff();
        var attempt = 0;
        while (identity.Token is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PairOnceAsync(stoppingToken);
                attempt = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot get a pairing code ({Message}); trying again.", e.Message);
                await Task.Delay(backoff.Delay(attempt++), clock, stoppingToken);
            }
        }

        state.ShowPairing(null);
    }

    /// <summary>One code on one connection: returns when paired, when the code expired, or when the connection closed.</summary>
    async Task PairOnceAsync(CancellationToken ct)
    {
        var serverUrl = new Uri(settings.ServerUrl);
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(serverUrl, PairingContract.Path)).Build();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<string>(nameof(IPairingClient.Paired), async token =>
        {
            await identity.StoreAsync(token, ct);
            logger.LogInformation("Paired: the device token is stored in {Path}.", settings.TokenPath);
            ended.TrySetResult();
        });
        connection.Closed += _ =>
        {
            ended.TrySetResult();
            return Task.CompletedTask;
        };

        await connection.StartAsync(ct);
        var offer = await connection.InvokeAsync<PairingOffer>(PairingContract.RequestCode, settings.ScreenWidth, settings.ScreenHeight, ct);
        state.ShowPairing(new PairingDisplay(offer.Code, PairingContract.Display(offer.Code), PairingContract.ClaimUrl(serverUrl, offer.Code).ToString()));
        logger.LogInformation("Waiting to be paired: code {Code}, valid {Seconds:0} s.", PairingContract.Display(offer.Code), offer.ValidForSeconds);
        try
        {
            await ended.Task.WaitAsync(TimeSpan.FromSeconds(offer.ValidForSeconds), clock, ct);
        }
        catch (TimeoutException)
        {
            logger.LogInformation("Code {Code} expired unclaimed; asking for a new one.", PairingContract.Display(offer.Code));
        }
    }
}
