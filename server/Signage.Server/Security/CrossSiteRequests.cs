using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Signage.Server.Security;

/// <summary>
/// A browser sends the SameSite=Strict sign-in cookie with requests from any page of the same site (another port of
/// the same host included), so a cookie is no proof that the console made an unsafe request to <c>/api</c>: it must
/// also come from this origin (<c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> equal to ours) or carry an
/// antiforgery token. Device tokens (<c>Authorization</c>) and the CAP key (<c>X-Cap-Key</c>) are headers a page of
/// another origin cannot set without a CORS preflight, which this server never grants.
/// </summary>
public static class CrossSiteRequests
{
    public const string Code = "cross-site-request";

    public static IApplicationBuilder UseCrossSiteRequestChecks(this IApplicationBuilder app, string cookieName) =>
        app.Use(async (context, next) =>
        {
            if (NeedsProof(context.Request, cookieName) && !await FromThisOriginAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Requête d'une autre origine refusée",
                        Detail = "Cette requête ne vient pas de la console : elle est refusée et rien n'a changé.",
                        Extensions = { [ProblemCodes.Key] = Code },
                    },
                });
                return;
            }

            await next(context);
        });

    static bool NeedsProof(HttpRequest request, string cookieName) =>
        request.Path.StartsWithSegments("/api")
        && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
        && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method)
        && request.Cookies.ContainsKey(cookieName)
        && !request.Headers.ContainsKey("Authorization")
        && !request.Headers.ContainsKey(Signage.Server.Alerts.CapApi.KeyHeader);

    static async Task<bool> FromThisOriginAsync(HttpContext context)
    {
        var request = context.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            // Set by the browser itself; "same-site" is exactly the attack (another port or subdomain).
            return site == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }

        // No browser origin headers (a script holding the cookie): the antiforgery token is the proof.
        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }
}
