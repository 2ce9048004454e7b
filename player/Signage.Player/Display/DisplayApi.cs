using Microsoft.AspNetCore.Http.HttpResults;
using Signage.Contracts.Manifests;
using Signage.Player.Cache;

namespace Signage.Player.Display;

public sealed record ShownItem(Guid Id, Guid ContentId, string Sha256, string MediaType, string AccessibleText);

public sealed record PlayerStatus(bool Connected, long? ManifestVersion, bool DisplayOn, ShownItem? Current, DateTimeOffset? NextAt, ShownItem? Next, string? Ticker);

/// <summary>The local API on 127.0.0.1 that the display page (and monitoring, and tests) read.</summary>
public static class DisplayApi
{
    public static void MapDisplay(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", (PlayerState state) => TypedResults.Ok(Status(state)));
        routes.MapGet("/media/{sha256}", Media);
    }

    public static PlayerStatus Status(PlayerState state)
    {
        var slot = state.Now();
        return new PlayerStatus(state.Connected, state.Manifest?.Version, state.DisplayOn, Shown(slot?.Current), slot?.NextAt, Shown(slot?.Next), state.TickerNow()?.Text);
    }

    static Results<PhysicalFileHttpResult, NotFound> Media(string sha256, PlayerState state, PlayerCache cache)
    {
        var item = state.Manifest?.Body.Items.FirstOrDefault(i => i.Asset.Sha256 == sha256);
        if (item is null || !cache.HasAsset(sha256))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.PhysicalFile(cache.AssetPath(sha256), item.Asset.MediaType);
    }

    static ShownItem? Shown(ManifestItem? item) =>
        item is null ? null : new ShownItem(item.Id, item.ContentId, item.Asset.Sha256, item.Asset.MediaType, item.AccessibleText);
}
