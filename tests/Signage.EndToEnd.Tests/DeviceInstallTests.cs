using System.Diagnostics;
using System.Runtime.Versioning;
using Signage.TestSupport;

namespace Signage.EndToEnd.Tests;

/// <summary>
/// deploy/install.sh and the systemd units, run as a technician runs them on a blank Debian or Raspberry Pi OS system,
/// into a scratch root (CI runs as root, like the install script on a device).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DeviceInstallTests : IDisposable
{
    static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    readonly TempFolder root = new();
    readonly string repo = SignageSystem.RepoRoot();

    [Fact]
    public async Task AScreenInstalledIntoABlankRootRunsAsTwoLockedAccountsWithItsUnitsEnabledAndItsSettingsPrivate()
    {
        var result = await InstallAsync("player", PlayerBuild(), "--server-url", "https://signage.mairie.example");
        Assert.True(result.ExitCode == 0, result.Output);

        var accounts = Accounts("passwd");
        foreach (var name in new[] { "signage-player", "signage-kiosk" })
        {
            var account = Assert.Single(accounts, a => a[0] == name);
            Assert.Equal("/usr/sbin/nologin", account[6]);
            Assert.NotEqual("0", account[2]);
            var shadow = Assert.Single(Accounts("shadow"), a => a[0] == name);
            Assert.StartsWith("!", shadow[1]);
        }

        var groups = Accounts("group");
        Assert.Contains("signage-player", Assert.Single(groups, g => g[0] == "video")[3].Split(','));
        Assert.DoesNotContain("signage-kiosk", Assert.Single(groups, g => g[0] == "signage-player")[3].Split(','));

        // The program belongs to root: the agent cannot rewrite itself.
        var binary = Path.Combine(root.Path, "opt/signage/player/Signage.Player");
        Assert.Equal(0, (await OwnerAsync(binary)).Uid);
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(binary) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        Assert.True(File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute));

        // The player's settings: root and the player's group only; the kiosk's account cannot read them.
        var settings = Path.Combine(root.Path, "etc/signage/player.env");
        Assert.Contains("Player__ServerUrl=https://signage.mairie.example", await File.ReadAllLinesAsync(settings));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(settings));
        Assert.Equal(int.Parse(Assert.Single(groups, g => g[0] == "signage-player")[2]), (await OwnerAsync(settings)).Gid);

        Assert.Equal("/etc/systemd/system/signage-player.service", LinkTarget("etc/systemd/system/multi-user.target.wants/signage-player.service"));
        Assert.Equal("/etc/systemd/system/signage-kiosk.service", LinkTarget("etc/systemd/system/graphical.target.wants/signage-kiosk.service"));
        Assert.Equal("/lib/systemd/system/graphical.target", LinkTarget("etc/systemd/system/default.target"));
        Assert.True(File.Exists(Path.Combine(root.Path, "etc/pam.d/signage-kiosk")));
    }

    [Fact]
    public async Task InstallingAgainUpgradesTheProgramAndKeepsTheSettingsATechnicianEdited()
    {
        Assert.Equal(0, (await InstallAsync("player", PlayerBuild(), "--server-url", "https://old.example")).ExitCode);
        var settings = Path.Combine(root.Path, "etc/signage/player.env");
        await File.AppendAllTextAsync(settings, "Player__Power__OffCommand=cec-ctl -d /dev/cec0 --to 0 --standby\n");
        var stale = Path.Combine(root.Path, "opt/signage/player/left-from-an-old-version.dll");
        await File.WriteAllTextAsync(stale, "old");

        var again = await InstallAsync("player", PlayerBuild(), "--server-url", "https://signage.mairie.example");

        Assert.True(again.ExitCode == 0, again.Output);
        var lines = await File.ReadAllLinesAsync(settings);
        Assert.Contains("Player__ServerUrl=https://signage.mairie.example", lines);
        Assert.DoesNotContain("Player__ServerUrl=https://old.example", lines);
        Assert.Contains("Player__Power__OffCommand=cec-ctl -d /dev/cec0 --to 0 --standby", lines);
        Assert.False(File.Exists(stale), "the old program folder was replaced, not merged");
        Assert.Single(Accounts("passwd"), a => a[0] == "signage-player");
    }

    [Fact]
    public async Task AFirstInstallWithoutTheServerAddressIsRefusedAndInstallsNothing()
    {
        var result = await InstallAsync("player", PlayerBuild());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--server-url is required", result.Output);
        Assert.False(Directory.Exists(Path.Combine(root.Path, "opt")));
        Assert.False(Directory.Exists(Path.Combine(root.Path, "etc/systemd")));
    }

    [Fact]
    public async Task TheServerPlayerAndKioskUnitsPassSystemdVerificationOnceInstalled()
    {
        Assert.Equal(0, (await InstallAsync("player", PlayerBuild(), "--server-url", "https://signage.mairie.example")).ExitCode);
        Assert.Equal(0, (await InstallAsync("server", Build("server", "Signage.Server"))).ExitCode);
        // systemd-analyze resolves the units' dependencies (sysinit.target…) in the root: give it this system's.
        var units = Directory.CreateDirectory(Path.Combine(root.Path, "usr/lib/systemd")).FullName;
        Assert.Equal(0, (await RunAsync("cp", "-a", "/usr/lib/systemd/system", units)).ExitCode);
        File.CreateSymbolicLink(Path.Combine(root.Path, "lib"), "usr/lib");

        var verify = await RunAsync(
            "systemd-analyze", "verify", $"--root={root.Path}", "--man=no",
            "signage-server.service", "signage-player.service", "signage-kiosk.service");

        // systemd-analyze exits 0 on unknown keys and bad values: any line it prints is a finding.
        Assert.True(verify.ExitCode == 0 && verify.Output.Length == 0, verify.Output);
    }

    [Fact]
    public async Task ThePlayerPublishesSelfContainedForARaspberryPi()
    {
        var result = await RunAsync("bash", Path.Combine(repo, "deploy/publish.sh"), "player", "--rid", "linux-arm64");
        Assert.True(result.ExitCode == 0, result.Output);

        var binary = Path.Combine(repo, ".artifacts/publish/player-linux-arm64/Signage.Player");
        var header = new byte[20];
        await using (var file = File.OpenRead(binary))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(183, BitConverter.ToUInt16(header, 18)); // e_machine EM_AARCH64
        Assert.True(File.Exists(Path.Combine(repo, ".artifacts/publish/player-linux-arm64/libcoreclr.so")), "self-contained: the runtime ships with it");
        Assert.True(File.Exists(Path.Combine(repo, ".artifacts/publish/player-linux-arm64/wwwroot/index.html")), "the display page ships with it");
    }

    public void Dispose() => root.Dispose();

    Task<ScriptResult> InstallAsync(string app, string from, params string[] args) =>
        RunAsync("bash", [Path.Combine(repo, "deploy/install.sh"), app, "--root", root.Path, "--from", from, .. args]);

    static string PlayerBuild() => Build("player", "Signage.Player");

    static string Build(string area, string project) => Path.GetDirectoryName(SignageSystem.ProductDll(area, project))!;

    List<string[]> Accounts(string file) =>
        [.. File.ReadAllLines(Path.Combine(root.Path, "etc", file)).Select(l => l.Split(':'))];

    string? LinkTarget(string path) => new FileInfo(Path.Combine(root.Path, path)).LinkTarget;

    static async Task<(int Uid, int Gid)> OwnerAsync(string path)
    {
        var stat = await RunAsync("stat", "-c", "%u %g", path);
        var parts = stat.Output.Split(' ');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    static async Task<ScriptResult> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptResult(process.ExitCode, (await output + await errors).Trim());
    }

    sealed record ScriptResult(int ExitCode, string Output);
}
