using System.Diagnostics;
using System.Globalization;
using Signage.LoadHarness;

// Alerts to N players against the floor (issue 11). Usage, after `dotnet build Signage.sln -c Release`:
//   dotnet tests/Signage.LoadHarness/bin/Release/net10.0/Signage.LoadHarness.dll [--players 1000,5000] [--warm 5] [--nodes 1|2] [--server-env KEY=VALUE]... [--out FILE]
// The harness runs `floor PORT` itself, as a second process. With --nodes 2: two servers on one database sharing a
// Redis (Debian's redis-server), players split between them, alerts raised on the first; no floor.
if (args is ["floor", var floorPort])
{
    return await Floor.RunAsync(int.Parse(floorPort, CultureInfo.InvariantCulture));
}

int[] sizes = [1000, 5000];
var warm = 5;
var nodes = 1;
var serverEnvironment = new Dictionary<string, string>();
string? output = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--players":
            sizes = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            break;
        case "--warm":
            warm = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--nodes":
            nodes = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--server-env" when args[i + 1].Split('=', 2) is [var key, var value]:
            serverEnvironment[key] = value;
            break;
        case "--out":
            output = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}");
            return 2;
    }
}

var repo = new DirectoryInfo(AppContext.BaseDirectory);
while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Signage.sln")))
{
    repo = repo.Parent;
}

if (repo is null)
{
    Console.Error.WriteLine($"No Signage.sln above {AppContext.BaseDirectory}.");
    return 1;
}

var openFiles = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
if (long.TryParse(openFiles.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture, out var limit) && limit < sizes.Max() + 1000)
{
    Console.Error.WriteLine($"{sizes.Max()} players need more open files than {limit}: raise it first (ulimit -n 65536).");
    return 1;
}

var work = Directory.CreateTempSubdirectory("signage-load-").FullName;
var pgDir = Path.Combine(work, "pg");
Console.Error.WriteLine($"work folder {work} (server and floor logs)");
var connectionString = (await Bash(repo.FullName, "deploy/pg.sh", "start", pgDir)).Trim();
Environment.SetEnvironmentVariable("SIGNAGE_TEST_PG", connectionString);
var report = new Report(warm);
try
{
    var harness = new Harness(repo.FullName, work, warm, serverEnvironment, Console.Error);
    foreach (var players in sizes)
    {
        var signage = await harness.SignageAsync(players, nodes);
        report.Add(signage, nodes == 1 ? await harness.FloorAsync(players) : null);
    }
}
finally
{
    await Bash(repo.FullName, "deploy/pg.sh", "stop", pgDir);
}

var text = report.ToMarkdown();
Console.WriteLine(text);
if (output is not null)
{
    await File.WriteAllTextAsync(output, text);
}

return 0;

static async Task<string> Bash(string directory, params string[] args)
{
    var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var arg in args)
    {
        info.ArgumentList.Add(arg);
    }

    using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
    var stdout = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"bash {string.Join(' ', args)} exited with code {process.ExitCode}.");
}
