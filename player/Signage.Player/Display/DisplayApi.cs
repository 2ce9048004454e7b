using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using Signage.Contracts.Manifests;
using Signage.Player.Cache;
using Signage.Player.Journal;

namespace Signage.Player.Display;

public sealed record ShownItem(Guid Id, Guid ContentId, string Sha256, string MediaType, string AccessibleText);

/// <summary>The alert that takes over the display now, until <paramref name="Until"/>.</summary>
public sealed record ShownAlert(Guid Id, string Sha256, string AccessibleText, DateTimeOffset Until);

/// <summary>The pairing code on display: <paramref name="Code"/> as typed, <paramref name="Display"/> as shown (K7M-2QX).</summary>
public sealed record ShownPairing(string Code, string Display, string ClaimUrl);

/// <summary>What the display page shows now: a manifest item, or nothing.</summary>
public sealed record DisplayShows(Guid? ItemId);

public sealed record PlayerStatus(bool Connected, long? ManifestVersion, bool DisplayOn, ShownItem? Current, DateTimeOffset? NextAt, ShownItem? Next, string? Ticker, ShownAlert? Alert = null, ShownPairing? Pairing = null);

/// <summary>The local API on 127.0.0.1 that the display page (and monitoring, and tests) read.</summary>
public static class DisplayApi
{
    public static void MapDisplay(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", (PlayerState state) => TypedResults.Ok(Status(state)));
        routes.MapGet("/media/{sha256}", Media);
        routes.MapPost("/api/alerts/{id:guid}/shown", AlertShown);
        routes.MapPost("/api/shown", DisplayShown);
        routes.MapGet("/api/pairing/qr.png", PairingQr);
    }

    public static PlayerStatus Status(PlayerState state)
    {
        var slot = state.Now();
        var alert = state.AlertNow();
        return new PlayerStatus(state.Connected, state.Manifest?.Version, state.DisplayOn, Shown(slot?.Current), slot?.NextAt, Shown(slot?.Next), state.TickerNow()?.Text,
            alert is null ? null : new ShownAlert(alert.Message.AlertId, alert.Image.Asset.Sha256, alert.Message.AccessibleText, alert.Message.Until),
            state.Pairing is { } p ? new ShownPairing(p.Code, p.Display, p.ClaimUrl) : null);
    }

    static Results<PhysicalFileHttpResult, NotFound> Media(string sha256, PlayerState state, PlayerCache cache)
    {
        if (state.MediaTypeOf(sha256) is not { } mediaType || !cache.HasAsset(sha256))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.PhysicalFile(cache.AssetPath(sha256), mediaType);
    }

    /// <summary>The display page drew the alert: the player confirms it to the server (now, or once reconnected).</summary>
    static Results<Accepted, NotFound> AlertShown(Guid id, PlayerState state) =>
        state.MarkShown(id) ? TypedResults.Accepted((string?)null) : TypedResults.NotFound();

    /// <summary>The display page says what is on screen now: the proof-of-play journal records what it really showed.</summary>
    static NoContent DisplayShown(DisplayShows shows, PlayRecorder recorder)
    {
        recorder.Shown(shows.ItemId);
        return TypedResults.NoContent();
    }

    /// <summary>The QR code of the console's claim page for the code on display (black on white, large modules for a phone across a room).</summary>
    static Results<FileContentHttpResult, NotFound> PairingQr(PlayerState state)
    {
        if (state.Pairing is not { } pairing)
        {
            return TypedResults.NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(pairing.ClaimUrl, QRCodeGenerator.ECCLevel.M);
        return TypedResults.File(new PngByteQRCode(data).GetGraphic(12), "image/png");
    }

    static ShownItem? Shown(ManifestItem? item) =>
        item is null ? null : new ShownItem(item.Id, item.ContentId, item.Asset.Sha256, item.Asset.MediaType, item.AccessibleText);
}
