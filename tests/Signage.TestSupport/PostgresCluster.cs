using System.Diagnostics;

namespace Signage.TestSupport;

/// <summary>
/// A PostgreSQL cluster of its own for a test that stops and starts the database server (the shared test cluster
/// must stay up for the other classes): made by <c>deploy/pg.sh</c> in a temporary folder, on a port it keeps across
/// restarts, deleted when disposed.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    readonly TempFolder folder = new();
    readonly string script;

    PostgresCluster(string repoRoot) => script = Path.Combine(repoRoot, "deploy", "pg.sh");

    /// <summary>The cluster's administrative connection string (the <c>postgres</c> database).</summary>
    public string ConnectionString { get; private set; } = "";

    string DataDir => Path.Combine(folder.Path, "pg");

    /// <summary>Creates and starts a cluster with <c>deploy/pg.sh</c> of the checkout at <paramref name="repoRoot"/>.</summary>
    public static async Task<PostgresCluster> StartAsync(string repoRoot)
    {
        var cluster = new PostgresCluster(repoRoot);
        try
        {
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped cluster again on its port.</summary>
    public async Task StartAsync() => ConnectionString = await RunAsync("start");

    /// <summary>Stops the server as an administrator's <c>pg_ctl stop -m fast</c> does: every session is cut.</summary>
    public Task StopAsync() => RunAsync("stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("stop");
        }
        finally
        {
            folder.Dispose();
        }
    }

    async Task<string> RunAsync(string command)
    {
        var info = new ProcessStartInfo("bash", [script, command, DataDir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? (await output).Trim()
            : throw new InvalidOperationException($"deploy/pg.sh {command} exited with code {process.ExitCode}: {await errors}");
    }
}
