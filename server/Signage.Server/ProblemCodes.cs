using Microsoft.AspNetCore.Mvc;

namespace Signage.Server;

/// <summary>
/// The <c>code</c> every ProblemDetails carries, so that programs never parse French text. Refusals bring their own
/// (see <see cref="RefusalHandler"/>); an answer made from a bare status (401, 403, a 404 result) gets one from its status.
/// </summary>
public static class ProblemCodes
{
    public const string Key = "code";
    public const string Validation = "validation";
    public const string BadRequest = "bad-request";
    public const string DatabaseUnavailable = "database-unavailable";
    public const string ValidationTitle = "Des champs sont à corriger.";

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem is HttpValidationProblemDetails && !problem.Extensions.ContainsKey(Key))
        {
            problem.Extensions[Key] = Validation;
            problem.Title = ValidationTitle;
        }

        if (!problem.Extensions.ContainsKey(Key))
        {
            problem.Extensions[Key] = status switch
            {
                StatusCodes.Status400BadRequest => BadRequest,
                StatusCodes.Status401Unauthorized => "unauthenticated",
                StatusCodes.Status403Forbidden => "forbidden",
                StatusCodes.Status404NotFound => "not-found",
                StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
                StatusCodes.Status409Conflict => "conflict",
                StatusCodes.Status413PayloadTooLarge => "too-large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
                _ when status >= 500 => "server-error",
                _ => $"http-{status}",
            };
        }

        problem.Detail ??= status switch
        {
            StatusCodes.Status401Unauthorized => "Connectez-vous pour utiliser cette API.",
            StatusCodes.Status403Forbidden => "Votre rôle ne permet pas cette action.",
            StatusCodes.Status404NotFound => "Cette ressource n'existe pas.",
            StatusCodes.Status415UnsupportedMediaType => "Envoyez le corps de la requête en JSON (Content-Type: application/json).",
            >= 500 => "Erreur du serveur : réessayez, et prévenez l'administrateur si elle persiste.",
            _ => null,
        };
    }

    /// <summary>
    /// What every API endpoint may answer besides its own results: a request that cannot be read or is refused
    /// (400 with <c>errors</c>), no sign-in (401), a role that does not allow it (403).
    /// </summary>
    public static TBuilder ProducesRefusals<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>An endpoint whose route names something that may not exist (404) or whose state may forbid the change (409).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
