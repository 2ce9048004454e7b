using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Signage.Contracts.Manifests;
using Signage.Player.Display;
using Signage.Player.Power;

namespace Signage.Player.Tests;

public sealed class DisplayPowerTests : IDisposable
{
    readonly string log = Path.Combine(Directory.CreateTempSubdirectory("signage-power-").FullName, "commands.log");
    readonly SettableClock clock = new();

    [Fact]
    public async Task DisplayGoesOffOutsideOpeningHoursAndBackOnWithOneCommandPerChange()
    {
        var state = new PlayerState(clock);
        state.Use(Manifest(new PowerPlan([new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 30), new TimeOnly(17, 30))], [], null)));
        var power = Power(state);

        clock.Now = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero); // Monday 07:00 in Paris
        await power.ApplyAsync(CancellationToken.None);
        await power.ApplyAsync(CancellationToken.None);
        Assert.False(state.DisplayOn);

        clock.Now = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero); // 09:00 in Paris
        await power.ApplyAsync(CancellationToken.None);

        Assert.True(state.DisplayOn);
        Assert.Equal(["off", "on"], await File.ReadAllLinesAsync(log));
    }

    [Fact]
    public async Task ClosedDayKeepsTheDisplayOffWithoutAnyNetwork()
    {
        var state = new PlayerState(clock);
        state.Use(Manifest(new PowerPlan([], [new DateOnly(2026, 12, 25)], null)));
        clock.Now = new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero);

        await Power(state).ApplyAsync(CancellationToken.None);

        Assert.False(state.DisplayOn);
        Assert.Equal(["off"], await File.ReadAllLinesAsync(log));
    }

    [Fact]
    public void WithoutAPowerPlanTheDisplayStaysOn()
    {
        Assert.True(DisplayPower.ShouldBeOn(null, Monday));
        Assert.True(DisplayPower.ShouldBeOn(Manifest(null), Monday));
    }

    static readonly DateTimeOffset Monday = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    DisplayPower Power(PlayerState state) => new(state,
        Options.Create(new PowerOptions { OnCommand = $"echo on >> '{log}'", OffCommand = $"echo off >> '{log}'" }),
        clock, NullLogger<DisplayPower>.Instance);

    static ScreenManifest Manifest(PowerPlan? plan)
    {
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), [], plan);
        return new ScreenManifest(1, ManifestCanonical.Hash(body), body);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);

    sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Monday;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
