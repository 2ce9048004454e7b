using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Signage.Core.Alerts;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Server.Accounts;

namespace Signage.Server.Media;

public static class AssetApi
{
    public static void MapAssets(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/assets/{sha256}", GetAsset).WithTags("Assets").RequireAuthorization(Policies.AssetReader).ProducesRefusals()
            // A physical file declares no result type of its own.
            .Produces<Stream>(StatusCodes.Status200OK, "image/png", "image/jpeg", "image/webp", "video/mp4", "video/webm");

    /// <summary>
    /// Screens read only what their manifest references, and the pictures of alerts in force for them
    /// (sent before their manifest names them); staff may read any asset to preview it.
    /// </summary>
    static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult, NotFound>> GetAsset(
        string sha256, HttpContext http, AssetStore store, ManifestService manifests, AlertService alerts, CancellationToken ct)
    {
        if (!AssetStore.IsSha256(sha256))
        {
            return TypedResults.Problem("Un fichier se désigne par le SHA-256 de ses octets, en hexadécimal minuscule.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (http.User.Identity?.AuthenticationType == DeviceAuthenticationHandler.SchemeName
            && !await manifests.ScreenMayReadAsync(http.User.ScreenId(), sha256, ct)
            && !await alerts.ScreenMayReadAsync(http.User.ScreenId(), sha256, ct))
        {
            return TypedResults.Problem("Le manifeste de cet écran ne contient pas ce fichier.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (await store.FindAsync(sha256, ct) is not { } found)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(found.Path, found.Asset.MediaType, entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
    }
}
