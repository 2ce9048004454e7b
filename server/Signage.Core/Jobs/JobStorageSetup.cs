using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Signage.Core.Jobs;

/// <summary>Hangfire's storage settings, the same for the server and for tools or tests that enqueue.</summary>
public static class JobStorageSetup
{
    public const string DefaultSchema = "hangfire";

    /// <summary>How long a job fetched by a node that then died waits before another node takes it (Hangfire.PostgreSql's default is 30 minutes).</summary>
    public static readonly TimeSpan DefaultInvisibilityTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Long polling (LISTEN/NOTIFY) wakes a worker as soon as a job is enqueued; the poll interval
    /// is only the fallback. With the 15 s default a render would wait seconds for nothing.
    /// The invisibility timeout slides: a running job keeps its fetch alive, so only a dead node's
    /// job is fetched again (every job is idempotent, so running one twice is harmless anyway).
    /// </summary>
    public static PostgreSqlStorageOptions Options(string? schema, TimeSpan? invisibilityTimeout = null) => new()
    {
        SchemaName = string.IsNullOrWhiteSpace(schema) ? DefaultSchema : schema,
        PrepareSchemaIfNecessary = true,
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        InvisibilityTimeout = invisibilityTimeout ?? DefaultInvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
    };

    public static PostgreSqlStorage Storage(string connectionString, string? schema = null)
    {
        var options = Options(schema);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
