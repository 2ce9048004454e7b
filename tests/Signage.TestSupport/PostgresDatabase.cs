using Microsoft.EntityFrameworkCore;
using Npgsql;
using Signage.Core.Data;
using Xunit;

namespace Signage.TestSupport;

/// <summary>
/// A fresh, migrated database on the private test cluster (or on the cluster at <c>clusterConnectionString</c>) for
/// one test class, dropped afterwards, so classes run in parallel and no test sees rows another left behind.
/// </summary>
public sealed class PostgresDatabase(string clusterConnectionString) : IAsyncLifetime
{
    /// <summary>A database on the test cluster (<c>SIGNAGE_TEST_PG</c>).</summary>
    public PostgresDatabase()
        : this(AdminConnectionString)
    {
    }

    public string Name { get; } = $"signage_t_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = Name, Pooling = true }.ConnectionString;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("SIGNAGE_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("SIGNAGE_TEST_PG is not set: run the tests with deploy/test.sh, which starts a private PostgreSQL cluster.");

    public async Task InitializeAsync()
    {
        await ExecuteAdminAsync($"CREATE DATABASE \"{Name}\"");
        await using var db = CreateDb();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public SignageDb CreateDb() => new(new DbContextOptionsBuilder<SignageDb>().UseNpgsql(ConnectionString).Options);

    async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(clusterConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
