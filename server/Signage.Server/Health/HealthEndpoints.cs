using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Signage.Core.Data;

namespace Signage.Server.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (for a supervisor that restarts it). <c>/health/ready</c>: it can also
/// reach PostgreSQL (for a load balancer that sends it requests), so it fails while the database is unreachable.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    const string DatabaseTag = "database";

    public static IServiceCollection AddSignageHealth(this IServiceCollection services)
    {
        // A database host that drops packets must not hold the probe longer than a load balancer waits.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: [DatabaseTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        routes.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains(DatabaseTag) }).AllowAnonymous();
    }

    sealed class DatabaseHealthCheck(SignageDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // A query, not only an open: a pooled connection whose server went away opens without complaint.
                await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException e)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.", e);
            }
        }
    }
}
