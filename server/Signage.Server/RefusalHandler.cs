using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Media;

namespace Signage.Server;

/// <summary>
/// The one place refusals become HTTP answers. Core's services refuse before changing anything
/// (<see cref="RefusalException"/>: validation 400, not-found 404, conflict 409, media codes 400) and a request
/// that cannot be read (<see cref="BadHttpRequestException"/>) is a bad-request: all are ProblemDetails with
/// a stable <c>code</c> and, when fields are at fault, <c>errors</c> {field: [French messages]}.
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
            OutsideYourSitesException outside => Refusal(StatusCodes.Status403Forbidden, "Hors de vos sites", outside),
            LastAdministratorException last => Refusal(StatusCodes.Status409Conflict, "Dernier administrateur", last),
            MediaRejectedException media => Refusal(StatusCodes.Status400BadRequest, "Fichier refusé", media),
            RefusalException other => Refusal(StatusCodes.Status400BadRequest, "Requête refusée", other),
            BadHttpRequestException bad => RequestProblems.Of(
                // The middleware clears the endpoint before handlers run; the feature keeps it.
                bad, httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Value.SerializerOptions),
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
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    static ProblemDetails Refusal(int status, string title, RefusalException refusal) =>
        new() { Status = status, Title = title, Detail = refusal.Message };
}
