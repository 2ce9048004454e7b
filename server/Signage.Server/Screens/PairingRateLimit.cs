using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Signage.Server.Screens;

/// <summary>
/// Anonymous players asking for pairing codes: 30 new connections a minute per address (the requests of a connection
/// already open carry its id and are not counted). Refused with 429 and Retry-After, not with the sign-in limiter's
/// page and audit entry.
/// </summary>
public sealed class PairingRateLimit : IRateLimiterPolicy<string>
{
    public const string Name = "pairing";
    const int PerMinute = 30;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (rejected, _) =>
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) => httpContext.Request.Query.ContainsKey("id")
        ? RateLimitPartition.GetNoLimiter("open")
        : RateLimitPartition.GetFixedWindowLimiter(
            httpContext.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PerMinute, Window = TimeSpan.FromMinutes(1) });
}
