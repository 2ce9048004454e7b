using Microsoft.EntityFrameworkCore;
using Npgsql;
using Signage.Core.Data;
using Xunit;

namespace Signage.TestSupport;

/// <summary>
/// A fresh, migrated database on the private test cluster for one test class, dropped afterwards,
/// so classes run in parallel and no test sees rows another left behind.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string Name { get; } = $"signage_t_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name, Pooling = true }.ConnectionString;

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

    static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
