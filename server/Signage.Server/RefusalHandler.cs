using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Media;

namespace Signage.Server;

/// <summary>
/// The one place refusals become HTTP answers. Core's services refuse before changing anything
/// (<see cref="RefusalException"/>: validation 400, not-found 404, conflict 409, media codes 400, busy 503 with Retry-After) and a request
/// that cannot be read (<see cref="BadHttpRequestException"/>) is a bad-request: all are ProblemDetails with
/// a stable <c>code</c> and, when fields are at fault, <c>errors</c> {field: [French messages]}. PostgreSQL out of reach
/// is a 503 <c>database-unavailable</c> with <c>Retry-After</c>, not a 500.
/// </summary>
public sealed class RefusalHandler(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = ProblemCodes.ValidationTitle,
            },
            NotFoundException notFound => Refusal(StatusCodes.Status404NotFound, "Introuvable", notFound),
            ConflictException conflict => Refusal(StatusCodes.Status409Conflict, "Action impossible dans l'état actuel", conflict),
            TooManyAttemptsException tooMany => Refusal(StatusCodes.Status429TooManyRequests, "Trop de tentatives", tooMany),
            OutsideYourSitesException outside => Refusal(StatusCodes.Status403Forbidden, "Hors de vos sites", outside),
            LastAdministratorException last => Refusal(StatusCodes.Status409Conflict, "Dernier administrateur", last),
            ServerBusyException busy => Refusal(StatusCodes.Status503ServiceUnavailable, "Serveur occupé", busy),
            MediaRejectedException media => Refusal(StatusCodes.Status400BadRequest, "Fichier refusé", media),
            RefusalException other => Refusal(StatusCodes.Status400BadRequest, "Requête refusée", other),
            BadHttpRequestException bad => RequestProblems.Of(
                // The middleware clears the endpoint before handlers run; the feature keeps it.
                bad, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Value.SerializerOptions),
            _ when DatabaseUnavailable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Base de données injoignable",
                Detail = "Le serveur ne joint pas sa base de données : rien n'a été enregistré. Réessayez dans quelques secondes.",
                Extensions = { [ProblemCodes.Key] = ProblemCodes.DatabaseUnavailable },
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (exception is RefusalException refusal)
        {
            problem.Extensions[ProblemCodes.Key] = refusal.Code;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is ServerBusyException { RetryAfter: var wait })
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    const string RetryAfterSeconds = "5";

    /// <summary>PostgreSQL cannot be reached (refused, reset, timed out), whichever layer (EF, Hangfire, Identity) wraps it.</summary>
    static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or NpgsqlException { InnerException: SocketException })
            {
                return true;
            }
        }

        return false;
    }

    static ProblemDetails Refusal(int status, string title, RefusalException refusal) =>
        new() { Status = status, Title = title, Detail = refusal.Message };
}
