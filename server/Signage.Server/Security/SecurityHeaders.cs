namespace Signage.Server.Security;

/// <summary>
/// Headers on every answer: the console's Content-Security-Policy (its own scripts only, nothing inline, no framing),
/// <c>nosniff</c>, a referrer that never leaves the site, and frame protection for every page, <c>/hangfire</c> included.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Blazor's scripts are files; its reconnection dialog adds a <c>style</c> element, hence styles inline only.
    /// 'self' covers the circuit's WebSocket (ws/wss of this host).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Hangfire dashboard and the API reference run their own inline scripts; framing stays forbidden there too.</summary>
    public const string ToolsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (Scalar) also compiles code at run time (<c>eval</c>); for Administrators, on that page only.</summary>
    public static readonly string ApiReferenceContentSecurityPolicy = ToolsContentSecurityPolicy.Replace("script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = path.StartsWithSegments("/api-reference") ? ApiReferenceContentSecurityPolicy
                    : path.StartsWithSegments("/hangfire") ? ToolsContentSecurityPolicy
                    : ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
