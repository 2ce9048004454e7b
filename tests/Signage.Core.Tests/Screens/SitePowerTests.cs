using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Tests.Screens;

public class SitePowerTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    static readonly OpeningHours[] Weekdays = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
        .Select(d => new OpeningHours(d, new TimeOnly(8, 30), new TimeOnly(17, 30)))];

    [Fact]
    public async Task OpeningHoursClosuresHolidaysAndStreetCurfewReachTheManifest()
    {
        var site = await Screens(s => s.CreateSiteAsync($"Mairie {Guid.NewGuid():N}", "Europe/Paris", "admin"));
        var group = await fixture.GroupAsync($"Vitrine {Guid.NewGuid():N}");
        var window = await Screens(s => s.CreateScreenAsync(new NewScreen("Vitrine", group.Id, site.Id, VisibleFromStreet: true), "admin"));
        await fixture.PublishedAsync("Horaires", group.Id);

        await Screens(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, Weekdays, closedOnPublicHolidays: true, "admin");
            await s.AddClosureAsync(site.Id, new DateOnly(2026, 12, 24), "Pont de Noël", "admin");
            return true;
        });

        var power = (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(window.Screen.Id)))!.Body.Power!;
        Assert.Equal(Weekdays, power.Hours);
        Assert.Contains(new DateOnly(2026, 12, 24), power.ClosedDays);
        Assert.Contains(new DateOnly(2026, 12, 25), power.ClosedDays);
        Assert.Contains(new DateOnly(2027, 5, 17), power.ClosedDays);
        Assert.Equal(PowerPlan.StreetCurfew, power.Curfew);
    }

    [Fact]
    public async Task OverlappingOrBackwardHoursAreRefused()
    {
        var site = await Screens(s => s.CreateSiteAsync($"Piscine {Guid.NewGuid():N}", "Europe/Paris", "admin"));

        var backward = await Assert.ThrowsAsync<ValidationException>(() => Screens(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, [new OpeningHours(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(9, 0))], true, "admin");
            return true;
        }));
        var overlapping = await Assert.ThrowsAsync<ValidationException>(() => Screens(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, [new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0)), new OpeningHours(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(14, 0))], true, "admin");
            return true;
        }));

        Assert.Contains("hours", backward.Errors.Keys);
        Assert.Contains("hours", overlapping.Errors.Keys);
    }

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void EasterIsComputedForTheHolidays(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), FrenchPublicHolidays.EasterSunday(year));

    Task<T> Screens<T>(Func<ScreenService, Task<T>> action) => fixture.WithAsync(s => action(s.GetRequiredService<ScreenService>()));
}
