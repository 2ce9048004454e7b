using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Accounts;

public sealed record SessionSummary(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Address, string? UserAgent);

/// <summary>The signed-in browsers of staff, kept in PostgreSQL so that every node sees a session end at once.</summary>
public sealed class SessionService(SignageDb db, WriteUnit unit, CurrentActor actor, TimeProvider clock)
{
    /// <summary>A session's last-seen time is written at most this often, not on every request.</summary>
    public static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public Task<List<SessionSummary>> ListAsync(string userId, CancellationToken ct = default) =>
        db.StaffSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionSummary(s.Id, s.CreatedAt, s.LastSeenAt, s.Address, s.UserAgent)).ToListAsync(ct);

    public Task<bool> ExistsAsync(string id, CancellationToken ct = default) =>
        db.StaffSessions.AnyAsync(s => s.Id == id, ct);

    /// <summary>Ends the session (the browser is signed out at its next request); false when it had already ended.</summary>
    public async Task<bool> EndAsync(string id, CancellationToken ct = default)
    {
        var userId = await db.StaffSessions.Where(s => s.Id == id).Select(s => s.UserId).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            return false;
        }

        return await unit.CommitAsync(async () =>
        {
            var ended = await db.StaffSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;
            unit.Audit("session.ended", Guid.TryParse(userId, out var subject) ? subject : null, id[..8]);
            return ended;
        }, ct);
    }

    internal async Task<string> StartAsync(AuthenticationTicket ticket, HttpContext? http, CancellationToken ct)
    {
        var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        Mark(ticket, id);
        // The sign-in request was anonymous until now: the session's start is the person's own act.
        actor.Set(ticket.Principal);
        var now = clock.GetUtcNow();
        db.StaffSessions.Add(new StaffSession
        {
            Id = id,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
                ?? throw new InvalidOperationException("A staff ticket names its user."),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc,
            Address = Truncate(http?.Connection.RemoteIpAddress?.ToString(), StaffSession.MaxAddressLength),
            UserAgent = Truncate(http?.Request.Headers.UserAgent.ToString(), StaffSession.MaxUserAgentLength),
            Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        unit.Audit("session.started", Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var subject) ? subject : null, id[..8]);
        await unit.CommitAsync(ct);
        return id;
    }

    internal async Task<AuthenticationTicket?> RetrieveAsync(string id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = await db.StaffSessions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.Ticket, s.LastSeenAt, s.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (session is null || session.ExpiresAt < now)
        {
            return null;
        }

        if (now - session.LastSeenAt >= SeenResolution)
        {
            await db.StaffSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
        }

        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    internal async Task RenewAsync(string id, AuthenticationTicket ticket, CancellationToken ct)
    {
        Mark(ticket, id);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var now = clock.GetUtcNow();
        await db.StaffSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Ticket, bytes)
            .SetProperty(x => x.ExpiresAt, ticket.Properties.ExpiresUtc)
            .SetProperty(x => x.LastSeenAt, now), ct);
    }

    /// <summary>The session's id travels in the principal, so the console can check that its circuit's session still exists.</summary>
    static void Mark(AuthenticationTicket ticket, string id)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity && identity.FindFirst(StaffClaims.Session)?.Value != id)
        {
            if (identity.FindFirst(StaffClaims.Session) is { } stale)
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(StaffClaims.Session, id));
        }
    }

    static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}

/// <summary>The cookie holds only the session id; the ticket lives in <see cref="StaffSession"/> rows.</summary>
public sealed class PostgresTicketStore(IServiceScopeFactory scopes) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        WithAsync(null, s => s.StartAsync(ticket, null, cancellationToken));

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        WithAsync(httpContext, s => s.StartAsync(ticket, httpContext, cancellationToken));

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        WithAsync(null, async s => { await s.RenewAsync(key, ticket, cancellationToken); return true; });

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        WithAsync(httpContext, async s => { await s.RenewAsync(key, ticket, cancellationToken); return true; });

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        WithAsync(null, s => s.RetrieveAsync(key, cancellationToken));

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        WithAsync(httpContext, s => s.RetrieveAsync(key, cancellationToken));

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) =>
        WithAsync(null, s => s.EndAsync(key, cancellationToken));

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        WithAsync(httpContext, s => s.EndAsync(key, cancellationToken));

    /// <summary>A request's own services when there is a request (its actor, its DbContext), a new scope otherwise.</summary>
    async Task<T> WithAsync<T>(HttpContext? http, Func<SessionService, Task<T>> action)
    {
        if (http is not null)
        {
            return await action(http.RequestServices.GetRequiredService<SessionService>());
        }

        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SessionService>());
    }
}
