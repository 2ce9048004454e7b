using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Signage.TestSupport;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Signage.EndToEnd.Tests;

public sealed record ShownItem(Guid Id, Guid ContentId, string Sha256, string MediaType, string AccessibleText);

public sealed record PlayerStatus(bool Connected, long? ManifestVersion, bool DisplayOn, ShownItem? Current, DateTimeOffset? NextAt, ShownItem? Next, string? Ticker);

/// <summary>
/// The real system for one test class: a database, the server and one player as separate
/// processes started from their build output, as an operator would run them.
/// </summary>
public sealed class SignageSystem : IAsyncLifetime, IDisposable
{
    public const string AdminEmail = "admin@mairie.test";
    public const string AdminPassword = "Correct-horse-42";

    readonly TempFolder folder = new();
    readonly StringBuilder log = new();
    Process? server;
    Process? player;

    public PostgresDatabase Database { get; } = new();
    public int ServerPort { get; } = FreePort();
    public int PlayerPort { get; } = FreePort();
    public Uri ServerUrl => new($"http://127.0.0.1:{ServerPort}");
    public Uri PlayerUrl => new($"http://127.0.0.1:{PlayerPort}");
    public Guid GroupId { get; private set; }
    public string AssetRoot => Path.Combine(folder.Path, "assets");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await StartServerAsync();
        var output = await RunServerCliAsync("screens", "create", "--name", "Hall d'accueil", "--group", "Accueil mairie");
        GroupId = Guid.Parse(Value(output, "group-id"));
        Token = Value(output, "token");
        await StartPlayerAsync();
    }

    public string Token { get; private set; } = "";

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

    public async Task StartServerAsync()
    {
        server = Start("server", ProjectOutput("server", "Signage.Server"), ServerEnvironment());
        await Eventually.ValueAsync(async () => (await Http.GetAsync(new Uri(ServerUrl, "/healthz"))).IsSuccessStatusCode ? "up" : null,
            TimeSpan.FromSeconds(60), $"the server to answer /healthz\n{Logs}");
    }

    public void StopServer() => Stop(ref server);

    public async Task StartPlayerAsync()
    {
        player = Start("player", ProjectOutput("player", "Signage.Player"), new Dictionary<string, string>
        {
            ["Player__ServerUrl"] = ServerUrl.ToString(),
            ["Player__DeviceToken"] = Token,
            ["Player__CacheDir"] = Path.Combine(folder.Path, "player-cache"),
            ["Player__Urls"] = PlayerUrl.ToString(),
        });
        await Eventually.ValueAsync(() => StatusAsync(), TimeSpan.FromSeconds(60), $"the player to answer /api/status\n{Logs}");
    }

    public void StopPlayer() => Stop(ref player);

    public async Task<PlayerStatus?> StatusAsync() =>
        await Http.GetFromJsonAsync<PlayerStatus>(new Uri(PlayerUrl, "/api/status"));

    /// <summary>Waits until the player shows <paramref name="contentId"/>, and returns what it reports.</summary>
    public Task<PlayerStatus> WaitUntilShownAsync(Guid contentId, TimeSpan timeout) =>
        Eventually.ValueAsync(async () => await StatusAsync() is { Current.ContentId: var id } s && id == contentId ? s : null,
            timeout, $"the player to show {contentId}\n{Logs}");

    async Task<string> RunServerCliAsync(params string[] args)
    {
        using var cli = Start("cli", ProjectOutput("server", "Signage.Server"), ServerEnvironment(), args);
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(cli.ExitCode == 0, $"screens CLI failed ({cli.ExitCode})\n{Logs}");
        return Logs;
    }

    Dictionary<string, string> ServerEnvironment() => new()
    {
        ["ConnectionStrings__Signage"] = Database.ConnectionString,
        ["ASPNETCORE_URLS"] = ServerUrl.ToString(),
        ["Signage__Admin__Email"] = AdminEmail,
        ["Signage__Admin__Password"] = AdminPassword,
        ["Signage__Storage__Root"] = AssetRoot,
        ["Signage__Jobs__Schema"] = "hangfire",
    };

    Process Start(string name, string dll, Dictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => Append(name, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    void Append(string name, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.Append('[').Append(name).Append("] ").AppendLine(line);
            }
        }
    }

    static void Stop(ref Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        process = null;
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        StopPlayer();
        StopServer();
        Http.Dispose();
        folder.Dispose();
    }

    static string Value(string output, string key) =>
        output.Split('\n').Select(l => l.Trim()).Last(l => l.Contains($"] {key}=", StringComparison.Ordinal)).Split('=', 2)[1];

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The build output of a product project, in the configuration the tests were built in.</summary>
    static string ProjectOutput(string area, string project)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = bin.Parent!.Name;
        var repo = bin;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Signage.sln")))
        {
            repo = repo.Parent;
        }

        var dll = Path.Combine(repo!.FullName, area, project, "bin", configuration, bin.Name, $"{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} first ({dll} is missing).");
    }
}
