using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Signage.Core.Jobs;

/// <summary>Hangfire's storage settings, the same for the server and for tools or tests that enqueue.</summary>
public static class JobStorageSetup
{
    public const string DefaultSchema = "hangfire";

    /// <summary>
    /// Long polling (LISTEN/NOTIFY) wakes a worker as soon as a job is enqueued; the poll interval
    /// is only the fallback. With the 15 s default a render would wait seconds for nothing.
    /// </summary>
    public static PostgreSqlStorageOptions Options(string? schema) => new()
    {
        SchemaName = string.IsNullOrWhiteSpace(schema) ? DefaultSchema : schema,
        PrepareSchemaIfNecessary = true,
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(1),
    };

    public static PostgreSqlStorage Storage(string connectionString, string? schema = null)
    {
        var options = Options(schema);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
