using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.TestSupport;

namespace Signage.LoadHarness;

/// <summary>One alert (or floor broadcast) to every player: receipt times from the trigger, in milliseconds.</summary>
internal sealed record Round(int Expected, int Received, double P50, double P99, double Max, double RequestMs)
{
    public int Missing => Expected - Received;

    /// <summary>Confirmations the server counted (<c>GET /api/alerts/{id}</c>), and ms from the last one sent to that count.</summary>
    public int Confirmed { get; init; }

    public double ConfirmedAfterMs { get; init; } = double.NaN;

    /// <summary>With several nodes, the receipts of the players of each node (A first).</summary>
    public IReadOnlyList<Round> PerNode { get; init; } = [];

    public static Round Of(int expected, List<double> latencies, double requestMs)
    {
        latencies.Sort();
        return new Round(expected, latencies.Count, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            latencies.Count > 0 ? latencies[^1] : double.NaN, requestMs);
    }

    /// <summary>Nearest rank.</summary>
    static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>One system (Signage or the floor) at one N: memory and the rounds, the first one cold.</summary>
internal sealed record Run(int Players, int Connected, int ConnectFailures, int LaterFailures, TimeSpan ConnectTime,
    long RssIdleKb, long RssConnectedKb, long RssAfterKb, IReadOnlyList<Round> Rounds)
{
    public int Nodes { get; init; } = 1;

    /// <summary>Server CPU (user + system, all nodes) over the connect phase, per connection, ms.</summary>
    public double CpuMsPerConnection { get; init; } = double.NaN;

    /// <summary>The load average when the run started and when it ended.</summary>
    public string Load { get; init; } = "";

    public Round First => Rounds[0];

    public IReadOnlyList<Round> Warm => [.. Rounds.Skip(1)];

    public double PerConnectionKb => Connected == 0 ? double.NaN : (RssConnectedKb - RssIdleKb) / (double)Connected;

    public double Median(Func<Round, double> statistic)
    {
        var values = Warm.Select(statistic).Order().ToList();
        return values.Count == 0 ? double.NaN
            : values.Count % 2 == 1 ? values[values.Count / 2]
            : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}

/// <param name="serverEnvironment">Added to each server's environment (GC settings to compare, for instance).</param>
internal sealed partial class Harness(string repo, string work, int warmRounds, IReadOnlyDictionary<string, string> serverEnvironment, TextWriter progress)
{
    const string PublisherEmail = "charge@mairie.test";
    const string Password = "Correct-horse-42";
    static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(60);

    byte[]? alertRecord;

#pragma warning disable RS0030 // The server process runs on the real clock, so do the screens and manifests made beside it.
    static TimeProvider RealClock => TimeProvider.System;
#pragma warning restore RS0030

    /// <summary>
    /// The real server (<paramref name="nodes"/> of them on one database, sharing a Redis when more than one) with
    /// <paramref name="players"/> screens in one group, each connected as a player (player i to node i mod nodes);
    /// alerts are raised on the first node.
    /// </summary>
    public async Task<Run> SignageAsync(int players, int nodes = 1)
    {
        var load = ProcFs.LoadAverage();
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        using var redis = nodes > 1 ? await RedisServer.StartAsync() : null;
        var servers = new List<ChildProcess>();
        try
        {
            var assets = Directory.CreateDirectory(Path.Combine(work, $"assets-{players}-{nodes}")).FullName;
            var serverDll = Path.Combine(repo, "server", "Signage.Server", "bin", "Release", "net10.0", "Signage.Server.dll");
            var ports = new List<int>();
            for (var n = 0; n < nodes; n++)
            {
                var port = FreePort();
                var environment = new Dictionary<string, string>
                {
                    ["ConnectionStrings__Signage"] = database.ConnectionString,
                    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                    ["Signage__Admin__Email"] = "admin@mairie.test",
                    ["Signage__Admin__Password"] = Password,
                    ["Signage__Accounts__AdministratorMfa"] = "Optional",
                    ["Signage__Storage__Root"] = assets,
                    ["Signage__Jobs__Enabled"] = "true",
                    ["Signage__Jobs__Schema"] = "hangfire",
                };
                if (redis is not null)
                {
                    environment["Signage__Redis"] = redis.ConnectionString;
                }

                foreach (var (key, value) in serverEnvironment)
                {
                    environment[key] = value;
                }

                var suffix = nodes > 1 ? $"-{(char)('a' + n)}" : "";
                servers.Add(ChildProcess.Start(serverDll, [], environment, Path.Combine(work, $"server-{players}{suffix}.log")));
                ports.Add(port);
                // One at a time: the first migrates the database.
                await WaitHealthyAsync(new Uri($"http://127.0.0.1:{port}"), servers[^1]);
            }

            var baseUri = new Uri($"http://127.0.0.1:{ports[0]}");
            Note($"{nodes} server(s) up (pid {string.Join(", ", servers.Select(p => p.Id))}), creating {players} screens");

            Guid groupId;
            string[] tokens;
            await using (var core = CoreTestServices.Build(database, assets, new RecordingNotifier(), s =>
            {
                s.AddSingleton(RealClock);
                s.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<SignageDb>();
            }))
            {
                await CreatePublisherAsync(core);
                (groupId, tokens) = await CreateScreensAsync(core, database, players);
            }

            // Start-up work (the alert templates drawn ahead, Hangfire's first polls) ends before anything is measured.
            foreach (var server in servers)
            {
                await ProcFs.WaitQuietAsync(server.Id, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120));
            }

            using var http = await SignInAsync(baseUri);
            var rssIdle = servers.Sum(p => p.RssKb());
            Note($"idle RSS {rssIdle} kB; connecting {players} players");

            await using var clients = new Players(players) { Acknowledge = true };
            var cpuBefore = servers.Sum(p => ProcFs.CpuTicks(p.Id));
            var connecting = Stopwatch.StartNew();
            await clients.ConnectAsync(i => new Uri($"ws://127.0.0.1:{ports[i % nodes]}/hubs/player?access_token={tokens[i]}"), signalR: true, parallel: 32, CancellationToken.None);
            var connectTime = connecting.Elapsed;
            var cpuMs = (servers.Sum(p => ProcFs.CpuTicks(p.Id)) - cpuBefore) * 1000.0 / ProcFs.TicksPerSecond;
            var connectFailures = clients.Failures;
            foreach (var server in servers)
            {
                await ProcFs.WaitQuietAsync(server.Id, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60));
            }

            var rssConnected = servers.Sum(p => p.RssKb());
            Note(string.Create(CultureInfo.InvariantCulture,
                $"{clients.Connected} connected in {connectTime.TotalSeconds:0.0} s, server CPU {cpuMs / Math.Max(1, clients.Connected):0.00} ms each; RSS {rssConnected} kB"));

            var rounds = new List<Round>();
            for (var r = 0; r <= warmRounds; r++)
            {
                clients.Reset();
                var start = Stopwatch.GetTimestamp();
                using var raised = await http.PostAsJsonAsync("/api/alerts",
                    new { template = "evacuation", targets = new[] { new { kind = "Group", id = groupId } }, minutes = 10 });
                var requestMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                raised.EnsureSuccessStatusCode();
                var alertId = (await raised.Content.ReadFromJsonAsync<Created>())!.Id;
                await WaitUntilAsync(() => clients.Alerts >= clients.Connected, ReceiptTimeout);
                var (confirmed, confirmedAfter) = await ConfirmationsAsync(http, alertId, clients);
                var round = Round.Of(clients.Connected, clients.LatenciesSince(start), requestMs) with
                {
                    Confirmed = confirmed,
                    ConfirmedAfterMs = confirmedAfter,
                    PerNode = nodes == 1 ? [] :
                    [
                        .. Enumerable.Range(0, nodes).Select(n => Round.Of((clients.Connected + nodes - 1 - n) / nodes, clients.LatenciesSince(start, i => i % nodes == n), requestMs)),
                    ],
                };
                rounds.Add(round);
                Note(Describe($"signage round {r}", round) + string.Create(CultureInfo.InvariantCulture, $"; {confirmed} confirmed {confirmedAfter:0} ms after the last confirmation sent")
                    + string.Concat(round.PerNode.Select((n, i) => Describe($"; node {(char)('A' + i)}", n))));

                var cleared = clients.Cleared;
                using var ended = await http.PostAsync(new Uri($"/api/alerts/{alertId}/end", UriKind.Relative), null);
                ended.EnsureSuccessStatusCode();
                await WaitUntilAsync(() => clients.Cleared - cleared >= clients.Connected, ReceiptTimeout);
                // The manifests rebuilt after the raise and after the end are pushed before the next round.
                foreach (var server in servers)
                {
                    await ProcFs.WaitQuietAsync(server.Id, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120));
                }
            }

            alertRecord = clients.AlertRecord;
            var rssAfter = servers.Sum(p => p.RssKb());
            Note($"RSS after the alerts {rssAfter} kB");
            return new Run(players, clients.Connected, connectFailures, clients.Failures - connectFailures, connectTime,
                rssIdle, rssConnected, rssAfter, rounds)
            {
                Nodes = nodes,
                CpuMsPerConnection = cpuMs / Math.Max(1, clients.Connected),
                Load = $"{load} → {ProcFs.LoadAverage()}",
            };
        }
        finally
        {
            servers.ForEach(p => p.Dispose());
            await database.DisposeAsync();
        }
    }

    /// <summary>
    /// Polls the alert's status until it counts every connected player's confirmation (or 30 s): the count, and the
    /// time from the last confirmation sent to the answer that showed it.
    /// </summary>
    static async Task<(int Confirmed, double AfterMs)> ConfirmationsAsync(HttpClient http, Guid alertId, Players clients)
    {
        var clock = Stopwatch.StartNew();
        var confirmed = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var status = await http.GetFromJsonAsync<Status>(new Uri($"/api/alerts/{alertId}", UriKind.Relative));
            confirmed = status!.Confirmed;
            if (confirmed >= clients.Connected)
            {
                return (confirmed, Stopwatch.GetElapsedTime(clients.LastAckSent).TotalMilliseconds);
            }

            await Task.Delay(50);
        }

        return (confirmed, double.NaN);
    }

    /// <summary>The floor process, sending the alert message Signage sent, byte for byte, to as many connections.</summary>
    public async Task<Run> FloorAsync(int players)
    {
        var message = alertRecord ?? throw new InvalidOperationException("No AlertRaised message was captured from the server.");
        var port = FreePort();
        using var floor = ChildProcess.Start(typeof(Harness).Assembly.Location, ["floor", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), Path.Combine(work, $"floor-{players}.log"));
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        await WaitHealthyAsync(baseUri, floor);
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
        await ProcFs.WaitQuietAsync(floor.Id, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var rssIdle = floor.RssKb();

        await using var clients = new Players(players);
        var connecting = Stopwatch.StartNew();
        await clients.ConnectAsync(_ => new Uri($"ws://127.0.0.1:{port}/ws"), signalR: false, parallel: 32, CancellationToken.None);
        var connectTime = connecting.Elapsed;
        var connectFailures = clients.Failures;
        await ProcFs.WaitQuietAsync(floor.Id, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60));
        var rssConnected = floor.RssKb();
        Note($"floor: {clients.Connected} connected in {connectTime.TotalSeconds:0.0} s; RSS {rssIdle} → {rssConnected} kB");

        var rounds = new List<Round>();
        for (var r = 0; r <= warmRounds; r++)
        {
            clients.Reset();
            var start = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(message);
            using var sent = await http.PostAsync(new Uri("/broadcast", UriKind.Relative), content);
            var requestMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            sent.EnsureSuccessStatusCode();
            await WaitUntilAsync(() => clients.Alerts >= clients.Connected, ReceiptTimeout);
            var round = Round.Of(clients.Connected, clients.LatenciesSince(start), requestMs);
            rounds.Add(round);
            Note(Describe($"floor round {r}", round));
            await ProcFs.WaitQuietAsync(floor.Id, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        }

        return new Run(players, clients.Connected, connectFailures, clients.Failures - connectFailures, connectTime,
            rssIdle, rssConnected, floor.RssKb(), rounds);
    }

    static async Task CreatePublisherAsync(IServiceProvider core)
    {
        await using var scope = core.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = PublisherEmail, Email = PublisherEmail };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, Roles.Publisher));
    }

    /// <summary>
    /// The group and its first screen through <see cref="ScreenService"/>; the others as the same rows written in
    /// batches (no audit entries), then every screen's manifest built once, before any player connects.
    /// </summary>
    static async Task<(Guid GroupId, string[] Tokens)> CreateScreensAsync(IServiceProvider core, PostgresDatabase database, int count)
    {
        var tokens = new string[count];
        var ids = new Guid[count];
        Guid groupId;
        Guid siteId;
        await using (var scope = core.CreateAsyncScope())
        {
            var screens = scope.ServiceProvider.GetRequiredService<ScreenService>();
            var group = await screens.CreateGroupAsync("Charge");
            var first = await screens.CreateScreenAsync(new NewScreen("Écran 00000", group.Id));
            (groupId, siteId, tokens[0], ids[0]) = (group.Id, first.Screen.SiteId, first.Token, first.Screen.Id);
        }

        var now = RealClock.GetUtcNow();
        for (var start = 1; start < count; start += 1000)
        {
            await using var db = database.CreateDb();
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                tokens[i] = DeviceToken.New();
                ids[i] = Guid.NewGuid();
                db.Screens.Add(new Screen
                {
                    Id = ids[i],
                    Name = $"Écran {i:00000}",
                    GroupIds = [groupId],
                    SiteId = siteId,
                    TokenHash = DeviceToken.Hash(tokens[i]),
                    CreatedAt = now,
                });
            }

            await db.SaveChangesAsync();
        }

        await using (var scope = core.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ManifestService>().RefreshScreensAsync(ids);
        }

        return (groupId, tokens);
    }

    /// <summary>Signs in through the real form as the Publisher; the client keeps the cookie.</summary>
    static async Task<HttpClient> SignInAsync(Uri baseUri)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var form = await http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["Input.Email"] = PublisherEmail,
            ["Input.Password"] = Password,
        });
        using var signedIn = await http.PostAsync(new Uri("/signin", UriKind.Relative), content);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            http.Dispose();
            throw new InvalidOperationException($"Sign-in answered {signedIn.StatusCode}.");
        }

        return http;
    }

    static async Task WaitHealthyAsync(Uri baseUri, ChildProcess process)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process at {baseUri} exited during start-up.");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{baseUri}/health/live did not answer within 90 s.");
    }

    static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string Describe(string what, Round round) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {round.Received}/{round.Expected} in p50 {round.P50:0.0} ms, p99 {round.P99:0.0} ms, max {round.Max:0.0} ms (request {round.RequestMs:0.0} ms)");

    void Note(string line) => progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{ProcFs.LoadAverage()}] {line}"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    sealed record Created(Guid Id);

    sealed record Status(int Targeted, int Confirmed);
}
