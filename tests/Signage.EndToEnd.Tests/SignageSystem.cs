using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Signage.Contracts;
using Signage.Core.Content;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.TestSupport;

// Each test class starts a server and a player (and the browser test Chromium) on a 2-core
// machine: one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Signage.EndToEnd.Tests;

/// <summary>One item of the player's rotation, as its local <c>/api/status</c> reports it.</summary>
public sealed record ShownItem(Guid Id, Guid ContentId, string Sha256, string MediaType, string AccessibleText);

/// <summary>The alert the player shows now, as its local <c>/api/status</c> reports it.</summary>
public sealed record ShownAlert(Guid Id, string Sha256, string AccessibleText, DateTimeOffset Until);

/// <summary>The pairing code a player with no token shows, as its local <c>/api/status</c> reports it.</summary>
public sealed record ShownPairing(string Code, string Display, string ClaimUrl);

/// <summary>The player's local <c>/api/status</c>, read as a monitoring tool would (not the player's own type).</summary>
public sealed record PlayerStatus(bool Connected, long? ManifestVersion, bool DisplayOn, ShownItem? Current, DateTimeOffset? NextAt, ShownItem? Next, string? Ticker, ShownAlert? Alert = null, ShownPairing? Pairing = null);

/// <summary>The system under test has stopped on its own (a process exited, a command failed).</summary>
public sealed class SystemUnderTestException : Exception
{
    public SystemUnderTestException()
    {
    }

    public SystemUnderTestException(string message)
        : base(message)
    {
    }

    public SystemUnderTestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// The real system for one test class: a database, the server and one player as separate
/// processes started from their build output, as an operator would run them; the screen is
/// provisioned with the server's own <c>screens create</c> command.
/// </summary>
public sealed partial class SignageSystem : IAsyncLifetime, IDisposable
{
    public const string AdminEmail = "admin@mairie.test";
    public const string AdminPassword = "Correct-horse-42";
    public const string ScreenName = "Hall d'accueil";
    public const string GroupName = "Accueil mairie";

    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    readonly TempFolder folder = new();
    readonly StringBuilder log = new();
    readonly Stopwatch clock = Stopwatch.StartNew();
#pragma warning disable RS0030 // The real server and player processes run on the real clock: so does what the tests write beside them.
    /// <summary>The clock the server and the player run on, for dates typed into the console that must lie ahead.</summary>
    public static TimeProvider RealClock { get; } = TimeProvider.System;
#pragma warning restore RS0030
    readonly DateTimeOffset started = RealClock.GetUtcNow();
    readonly IReadOnlyDictionary<string, string> serverSettings;
    SystemProcess? server;
    SystemProcess? player;
    ServiceProvider? core;
    bool disposed;

    public SignageSystem()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A system whose server (and server command line) always gets <paramref name="serverSettings"/> as environment variables.</summary>
    internal SignageSystem(IReadOnlyDictionary<string, string> serverSettings)
        : this(serverSettings, new PostgresDatabase())
    {
    }

    /// <summary>A system as <see cref="SignageSystem(IReadOnlyDictionary{string, string})"/> on <paramref name="database"/>, which it disposes.</summary>
    internal SignageSystem(IReadOnlyDictionary<string, string> serverSettings, PostgresDatabase database)
    {
        this.serverSettings = serverSettings;
        Database = database;
        // Should the test host end without disposing fixtures, leave no server or player behind.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    public PostgresDatabase Database { get; }

    public int ServerPort { get; } = FreePort();

    public int PlayerPort { get; } = FreePort();

    public Uri ServerUrl => new($"http://127.0.0.1:{ServerPort}");

    public Uri PlayerUrl => new($"http://127.0.0.1:{PlayerPort}");

    public string AssetRoot => Path.Combine(folder.Path, "assets");

    public string PlayerCache => Path.Combine(folder.Path, "player-cache");

    public Guid ScreenId { get; private set; }

    /// <summary>The cache folder of the player <see cref="StartOtherPlayerAsync"/> starts under <paramref name="name"/> (its paired token is kept there).</summary>
    public string OtherPlayerCache(string name) => Path.Combine(folder.Path, $"{name}-cache");

    public Guid GroupId { get; private set; }

    public string Token { get; private set; } = "";

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Core's services on the system's database: what the console calls, without the console.</summary>
    public IServiceProvider Core => core ?? throw new InvalidOperationException("The system is not started.");

    /// <summary>Everything the processes wrote, each line with seconds since the fixture started and its process.</summary>
    public string Logs
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        try
        {
            await Database.InitializeAsync();
            Note("database ready");
            core = CoreTestServices.Build(Database, AssetRoot, new RecordingNotifier(), s => s.AddSingleton(RealClock));
            await StartServerAsync();

            var created = await RunServerCliAsync("screens", "create", "--name", ScreenName, "--group", GroupName);
            ScreenId = Guid.Parse(Value(created, "screen-id"));
            GroupId = Guid.Parse(Value(created, "group-id"));
            Token = Value(created, "token");
            await KeepScreenOnAsync(ScreenId);

            await StartPlayerAsync();
        }
        catch
        {
            KillAll();
            throw;
        }
    }

    /// <summary>Starts the server process; <paramref name="settings"/> are environment variables added to the usual ones.</summary>
    public async Task StartServerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        if (server is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        var environment = ServerEnvironment();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        server = SystemProcess.Start("server", ProductDll("server", "Signage.Server"), environment, [], Note);
        await WaitAsync(async () =>
        {
            using var health = await Http.GetAsync(new Uri(ServerUrl, "/health/ready"));
            return health.IsSuccessStatusCode ? "up" : null;
        }, StartTimeout, "the server to answer /health/ready");
        Note("server up");
    }

    /// <summary>Kills the server process (SIGKILL, as a power cut would) and waits until it is gone.</summary>
    public void StopServer() => Stop(ref server);

    public async Task StartPlayerAsync()
    {
        if (player is not null)
        {
            throw new InvalidOperationException("The player is already running.");
        }

        player = SystemProcess.Start("player", ProductDll("player", "Signage.Player"), new Dictionary<string, string>
        {
            ["Player__ServerUrl"] = ServerUrl.ToString(),
            [PlayerSettings.DeviceTokenVariable] = Token,
            ["Player__CacheDir"] = PlayerCache,
            ["Player__Urls"] = PlayerUrl.ToString(),
        }, [], Note);
        await WaitAsync(StatusAsync, StartTimeout, "the player to answer /api/status");
        Note("player up");
    }

    public void StopPlayer() => Stop(ref player);

    /// <summary>
    /// Starts one more server process on the same database and asset folder, as a second node, with its own address
    /// and <paramref name="settings"/> added; the caller disposes it.
    /// </summary>
    public async Task<OtherServer> StartOtherServerAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = ServerEnvironment();
        environment["ASPNETCORE_URLS"] = url.ToString();
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var other = new OtherServer(SystemProcess.Start(name, ProductDll("server", "Signage.Server"), environment, [], Note), url);
        try
        {
            await WaitAsync(async () =>
            {
                ThrowIfDied(other.Process, $"the {name} to answer /health/ready");
                using var health = await Http.GetAsync(new Uri(url, "/health/ready"));
                return health.IsSuccessStatusCode ? "up" : null;
            }, StartTimeout, $"the {name} to answer /health/ready");
            Note($"{name} up");
            return other;
        }
        catch
        {
            other.Dispose();
            throw;
        }
    }

    /// <summary>Provisions one more screen in the system's group with the server's command line, kept on like the first; returns its id and token.</summary>
    public async Task<(Guid ScreenId, string Token)> CreateScreenAsync(string name)
    {
        var created = await RunServerCliAsync("screens", "create", "--name", name, "--group", GroupName);
        var screenId = Guid.Parse(Value(created, "screen-id"));
        await KeepScreenOnAsync(screenId);
        return (screenId, Value(created, "token"));
    }

    /// <summary>
    /// Starts one more player, for a screen added during a test, as an operator sets it up: the server's address,
    /// a cache folder and local address of its own, and <paramref name="settings"/> (its token, under the key the
    /// operator was told). The caller disposes it.
    /// </summary>
    public async Task<OtherPlayer> StartOtherPlayerAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string>
        {
            ["Player__ServerUrl"] = ServerUrl.ToString(),
            ["Player__CacheDir"] = OtherPlayerCache(name),
            ["Player__Urls"] = url.ToString(),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var other = new OtherPlayer(SystemProcess.Start(name, ProductDll("player", "Signage.Player"), environment, [], Note), url);
        try
        {
            await WaitAsync(() =>
            {
                ThrowIfDied(other.Process, $"the {name} to answer /api/status");
                return StatusAsync(url);
            }, StartTimeout, $"the {name} to answer /api/status");
            Note($"{name} up");
            return other;
        }
        catch
        {
            other.Dispose();
            throw;
        }
    }

    /// <summary>Signs in to a node's console as its Administrator (who may publish), as the sign-in form does.</summary>
    public static async Task<HttpClient> SignInAsync(Uri node)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(10) };
        // The Origin a browser gives the console's own requests: unsafe API calls carried by the cookie need it.
        client.DefaultRequestHeaders.Add("Origin", node.GetLeftPart(UriPartial.Authority));
        var form = await client.GetStringAsync("/signin");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["Input.Email"] = AdminEmail,
            ["Input.Password"] = AdminPassword,
        });
        using var signedIn = await client.PostAsync("/signin", content);
        using var check = await client.GetAsync("/api/alerts");
        if (check.StatusCode != HttpStatusCode.OK)
        {
            throw new SystemUnderTestException($"Signing in to {node} failed: GET /api/alerts answered {(int)check.StatusCode}.");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The player's <c>/api/status</c> now.</summary>
    public Task<PlayerStatus?> StatusAsync() => StatusAsync(PlayerUrl);

    /// <summary>The <c>/api/status</c> of the player answering at <paramref name="playerUrl"/>.</summary>
    public Task<PlayerStatus?> StatusAsync(Uri playerUrl) => Http.GetFromJsonAsync<PlayerStatus>(new Uri(playerUrl, "/api/status"));

    /// <summary>Waits until the player shows <paramref name="contentId"/> now, and returns what it reports.</summary>
    public Task<PlayerStatus> WaitUntilShownAsync(Guid contentId, TimeSpan timeout) =>
        WaitAsync(async () => await StatusAsync() is { Current.ContentId: var id } status && id == contentId ? status : null,
            timeout, $"the player to show {contentId}");

    /// <summary>Publishes to the screen's group through the service the console calls; the server process renders and pushes.</summary>
    public async Task<Announcement> PublishAsync(string title, string body)
    {
        await using var scope = Core.CreateAsyncScope();
        var announcement = await scope.ServiceProvider.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement(title, body, GroupId));
        Note($"published {announcement.Id}");
        return announcement;
    }

    /// <summary>Publishes as <see cref="PublishAsync"/> does and waits until the server has rendered it (it is then Published).</summary>
    public async Task<Announcement> PublishRenderedAsync(string title, string body)
    {
        var announcement = await PublishAsync(title, body);
        await WaitAsync(async () =>
        {
            await using var db = Database.CreateDb();
            return await db.Announcements.AnyAsync(a => a.Id == announcement.Id && a.Status == AnnouncementStatus.Published) ? "published" : null;
        }, StartTimeout, $"announcement {announcement.Id} to be rendered");
        return announcement;
    }

    /// <summary>
    /// Takes an EXCLUSIVE lock on the table <c>signage."<paramref name="table"/>"</c> in a transaction of its own, so
    /// that a server's write there waits (reads go on) until the lock is disposed or its connection is cut.
    /// </summary>
    public async Task<TableLock> LockAsync(string table)
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        try
        {
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var take = new NpgsqlCommand($"""LOCK TABLE signage."{table}" IN EXCLUSIVE MODE""", connection, transaction);
            await take.ExecuteNonQueryAsync();
            return new TableLock(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether a session of the system's database waits on a lock now (a write held by <see cref="LockAsync"/>).</summary>
    public async Task<bool> WaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", connection);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    /// <summary>The announcements whose render job a server is running now.</summary>
    public HashSet<Guid> ProcessingRenders() =>
    [
        .. Core.GetRequiredService<JobStorage>().GetMonitoringApi().ProcessingJobs(0, int.MaxValue)
            .Select(j => j.Value.Job)
            .Where(j => j?.Type == typeof(RenderAnnouncementJob))
            .Select(j => (Guid)j!.Args[0]),
    ];

    /// <summary>
    /// Polls <paramref name="probe"/> until it gives a value; fails at once if a process of the
    /// system has died, and with the processes' output either way.
    /// </summary>
    public async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        try
        {
            return await Eventually.ValueAsync(async () =>
            {
                ThrowIfDied(server, what);
                ThrowIfDied(player, what);
                try
                {
                    return await probe();
                }
                catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
                {
                    return null; // the HTTP request timed out: ask again
                }
            }, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Describe()}", e);
        }
    }

    /// <summary>What a failure message needs: where the system runs and what its processes said.</summary>
    public string Describe() =>
        $"server {ServerUrl} ({State(server)}), player {PlayerUrl} ({State(player)}), database {Database.Name}\n--- process output ---\n{Logs}";

    public async Task DisposeAsync()
    {
        KillAll();
        if (core is not null)
        {
            await core.DisposeAsync();
            core = null;
        }

        await Database.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        KillAll();
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        SaveLogs();
        Http.Dispose();
        folder.Dispose();
    }

    async Task<IReadOnlyList<string>> RunServerCliAsync(params string[] args)
    {
        using var cli = SystemProcess.Start("cli", ProductDll("server", "Signage.Server"), ServerEnvironment(), args, Note);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await cli.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            cli.Kill();
            throw new TimeoutException($"`{string.Join(' ', args)}` did not end within {StartTimeout.TotalSeconds} s.\n{Describe()}", e);
        }

        return cli.ExitCode == 0
            ? cli.Output
            : throw new SystemUnderTestException($"`{string.Join(' ', args)}` exited with code {cli.ExitCode}.\n{Describe()}");
    }

    /// <summary>
    /// A new site closes on French public holidays, when the player blanks the display: open the
    /// screen's site every day so that the tests do not depend on the calendar.
    /// </summary>
    async Task KeepScreenOnAsync(Guid screenId)
    {
        await using var db = Database.CreateDb();
        var siteId = await db.Screens.Where(s => s.Id == screenId).Select(s => s.SiteId).SingleAsync();
        await using var scope = Core.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SiteService>()
            .SetOpeningHoursAsync(siteId, [], closedOnPublicHolidays: false, null);
    }

    Dictionary<string, string> ServerEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Signage"] = Database.ConnectionString,
            ["ASPNETCORE_URLS"] = ServerUrl.ToString(),
            ["Signage__Admin__Email"] = AdminEmail,
            ["Signage__Admin__Password"] = AdminPassword,
            // The console tests sign the first Administrator in with a password; MfaBrowserTests runs with Required.
            ["Signage__Accounts__AdministratorMfa"] = "Optional",
            ["Signage__Storage__Root"] = AssetRoot,
            ["Signage__Jobs__Enabled"] = "true",
            ["Signage__Jobs__Schema"] = "hangfire",
        };
        foreach (var (key, value) in serverSettings)
        {
            environment[key] = value;
        }

        return environment;
    }

    void ThrowIfDied(SystemProcess? process, string what)
    {
        if (process is { HasExited: true })
        {
            throw new SystemUnderTestException($"The {process.Name} exited with code {process.ExitCode} while waiting for {what}.\n{Describe()}");
        }
    }

    static string State(SystemProcess? process) => process switch
    {
        null => "stopped",
        { HasExited: true } => $"exited with code {process.ExitCode}",
        _ => "running",
    };

    static void Stop(ref SystemProcess? process)
    {
        if (process is not null)
        {
            process.Dispose();
            process = null;
        }
    }

    void KillAll()
    {
        Stop(ref player);
        Stop(ref server);
    }

    void KillOnExit(object? sender, EventArgs e) => KillAll();

    /// <summary>Adds a line of the test's own to <see cref="Logs"/> (a measurement, a step).</summary>
    public void Note(string line) => Note("e2e", line);

    void Note(string source, string line)
    {
        lock (log)
        {
            log.Append(clock.Elapsed.TotalSeconds.ToString("000.000", System.Globalization.CultureInfo.InvariantCulture))
                .Append(" [").Append(source).Append("] ").AppendLine(line);
        }
    }

    /// <summary>Keeps the processes' output with the other test artifacts, for a run that failed somewhere else.</summary>
    void SaveLogs()
    {
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(Artifacts.Folder, "logs"));
            File.WriteAllText(Path.Combine(folder.FullName, $"{started:yyyyMMdd-HHmmss}-{Database.Name}.log"), Logs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Logs are a convenience: a full disk must not fail the tests.
        }
    }

    static string Value(IReadOnlyList<string> output, string key) =>
        output.Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal)) is { } line
            ? line[(key.Length + 1)..]
            : throw new SystemUnderTestException($"No `{key}=` line in the output of the screens command:\n{string.Join('\n', output)}");

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The build output of a product project, in the configuration the tests were built in.</summary>
    public static string ProductDll(string area, string project)
    {
        // AppContext.BaseDirectory is <repo>/tests/<project>/bin/<Configuration>/<tfm>/.
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = bin.Parent!.Name;
        var dll = Path.Combine(RepoRoot(), area, project, "bin", configuration, bin.Name, $"{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} in {configuration} first: {dll} is missing.", dll);
    }

    /// <summary>The checkout the tests were built from: the folder holding Signage.sln above the test's output.</summary>
    public static string RepoRoot()
    {
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Signage.sln")))
        {
            repo = repo.Parent;
        }

        return repo?.FullName ?? throw new DirectoryNotFoundException($"No Signage.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A player started by a test beside the system's own (<see cref="SignageSystem.StartOtherPlayerAsync"/>); disposing it kills it.</summary>
public sealed class OtherPlayer(SystemProcess process, Uri url) : IDisposable
{
    public SystemProcess Process => process;

    /// <summary>Its local display address, where <c>/api/status</c> answers.</summary>
    public Uri Url => url;

    public void Dispose() => process.Dispose();
}

/// <summary>A lock taken by <see cref="SignageSystem.LockAsync"/>, held until released or disposed.</summary>
public sealed class TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    bool released;

    /// <summary>Rolls the lock's transaction back, freeing the table; once only.</summary>
    public async Task ReleaseAsync()
    {
        if (released)
        {
            return;
        }

        released = true;
        try
        {
            await transaction.RollbackAsync();
        }
        catch (NpgsqlException)
        {
            // The connection was cut (a stopped database): the server already ended the transaction.
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}

/// <summary>A server started by a test beside the system's own (<see cref="SignageSystem.StartOtherServerAsync"/>); disposing it kills it.</summary>
public sealed class OtherServer(SystemProcess process, Uri url) : IDisposable
{
    public SystemProcess Process => process;

    public Uri Url => url;

    public void Dispose() => process.Dispose();
}

/// <summary>Where the end-to-end tests leave screenshots and logs: $SIGNAGE_ARTIFACTS/e2e, else next to the tests.</summary>
static class Artifacts
{
    public static string Folder => Path.Combine(
        Environment.GetEnvironmentVariable("SIGNAGE_ARTIFACTS") is { Length: > 0 } root ? root : Path.Combine(AppContext.BaseDirectory, "artifacts"),
        "e2e");
}
