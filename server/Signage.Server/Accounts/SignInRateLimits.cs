using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Signage.Admin.Accounts;
using Signage.Core.Writes;

namespace Signage.Server.Accounts;

/// <summary>
/// ASP.NET Core rate limiting of the sign-in form's posts, per client address and per account typed (from every
/// address together); over either, 429 with <c>Retry-After</c> and an audit entry. The per-(account, address) waits
/// of <see cref="SignInAttempts"/> do the rest.
/// </summary>
public static class SignInRateLimits
{
    const string Path = "/signin";
    const string AccountField = "Input.Email";

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsSignIn(c)
                    ? RateLimitPartition.GetFixedWindowLimiter("address:" + Address(c), _ => PerMinute(Limits(c).PerAddressPerMinute))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(c => IsSignIn(c)
                    ? RateLimitPartition.GetFixedWindowLimiter("account:" + Account(c).ToUpperInvariant(), _ => PerMinute(Limits(c).PerAccountPerMinute))
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Reads the sign-in form before the limiter, which partitions by the account it names.</summary>
    public static IApplicationBuilder UseSignInRateLimits(this IApplicationBuilder app)
    {
        app.UseWhen(IsSignIn, signIn => signIn.Use(async (context, next) =>
        {
            if (context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next(context);
        }));
        return app.UseRateLimiter();
    }

    /// <summary>The client's address as the connection (or a configured proxy) gives it.</summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "inconnue";

    static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    static string Account(HttpContext context) =>
        context.Request.HasFormContentType ? context.Request.Form[AccountField].ToString().Trim() : "";

    static SignInLimits Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<SignInLimits>>().Value;

    static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var unit = context.RequestServices.GetRequiredService<WriteUnit>();
        unit.Audit("account.sign-in-rate-limited", null, $"{Account(context)} depuis {Address(context)}");
        await unit.CommitAsync(ct);

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>Trop de tentatives — Signage</title></head>
            <body><main><h1>Trop de tentatives de connexion</h1>
            <p>Réessayez dans {seconds} secondes.</p><p><a href="/signin">Revenir à la connexion</a></p></main></body></html>
            """, ct);
    }
}
