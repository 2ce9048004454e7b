using System.Diagnostics;
using Microsoft.Extensions.Options;
using Signage.Contracts.Manifests;
using Signage.Player.Display;

namespace Signage.Player.Power;

public sealed class PowerOptions
{
    /// <summary>Shell command that wakes the display, e.g. "vcgencmd display_power 1" or "wlr-randr --output HDMI-A-1 --on".</summary>
    public string? OnCommand { get; set; }

    /// <summary>Shell command that puts the display to sleep (standby is not off: prefer a command that cuts the panel).</summary>
    public string? OffCommand { get; set; }

    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Turns the display off outside the site's opening hours, on closed days and during the street
/// curfew, from the manifest alone: it keeps working without the network.
/// </summary>
public sealed class DisplayPower(PlayerState state, IOptions<PowerOptions> options, TimeProvider clock, ILogger<DisplayPower> logger) : BackgroundService
{
    readonly PowerOptions settings = options.Value;
    bool? applied;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.CheckEvery, clock);
        do
        {
            await ApplyAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sets the display to what the manifest says for now; runs a command only on a change.</summary>
    public async Task ApplyAsync(CancellationToken ct)
    {
        var on = ShouldBeOn(state.Manifest, clock.GetUtcNow());
        state.SetDisplayOn(on);
        if (applied == on)
        {
            return;
        }

        var command = on ? settings.OnCommand : settings.OffCommand;
        if (!string.IsNullOrWhiteSpace(command))
        {
            await RunAsync(command, ct);
        }

        applied = on;
        logger.LogInformation("Display turned {State}.", on ? "on" : "off");
    }

    public static bool ShouldBeOn(ScreenManifest? manifest, DateTimeOffset now) =>
        manifest?.Body.Power is not { } plan || plan.IsOn(now, TimeZones.Find(manifest.Body.Screen.TimeZone));

    async Task RunAsync(string command, CancellationToken ct)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            logger.LogWarning("Display command `{Command}` failed ({Code}): {Error}", command, process.ExitCode, error.Trim());
        }
    }
}
