using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Content;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.TestSupport;

namespace Signage.Core.Tests.Sites;

public class SitePowerTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    static readonly OpeningHours[] Weekdays = [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
        .Select(d => new OpeningHours(d, new TimeOnly(8, 30), new TimeOnly(17, 30)))];

    // The power plan covers the clock's year and the next: the tests' clock stands in 2026.
    static readonly int Year = TestClock.Start.Year;

    [Fact]
    public async Task OpeningHoursClosuresHolidaysAndStreetCurfewReachTheManifest()
    {
        var (site, window) = await SiteWithScreenAsync("Mairie", "Europe/Paris", visibleFromStreet: true);

        await Sites(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, Weekdays, closedOnPublicHolidays: true, null);
            await s.AddClosureAsync(site.Id, new DateOnly(Year + 1, 1, 2), "Pont du Nouvel An");
            return true;
        });

        var power = await PowerAsync(window.Id);
        Assert.Equal(Weekdays, power.Hours);
        Assert.Contains(new DateOnly(Year + 1, 1, 2), power.ClosedDays);
        Assert.Contains(new DateOnly(Year, 12, 25), power.ClosedDays);
        Assert.Contains(FrenchPublicHolidays.EasterSunday(Year + 1).AddDays(50), power.ClosedDays);
        Assert.DoesNotContain(new DateOnly(Year, 12, 26), power.ClosedDays);
        Assert.Equal(PowerPlan.StreetCurfew, power.Curfew);
    }

    [Fact]
    public async Task AnAlsatianSiteIsAlsoClosedOnGoodFridayAndSaintStephensDay()
    {
        var (site, lobby) = await SiteWithScreenAsync("Mairie de Colmar", "Europe/Paris");
        Assert.Equal(HolidayCalendar.Metropole, site.Holidays);

        await Sites(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, Weekdays, closedOnPublicHolidays: true, HolidayCalendar.AlsaceMoselle);
            return true;
        });

        var power = await PowerAsync(lobby.Id);
        Assert.Contains(new DateOnly(Year, 12, 26), power.ClosedDays);
        Assert.Contains(FrenchPublicHolidays.EasterSunday(Year + 1).AddDays(-2), power.ClosedDays);
    }

    [Fact]
    public async Task AGuianeseSiteGetsItsAbolitionDayFromItsTimeZone()
    {
        var (site, hall) = await SiteWithScreenAsync("Mairie de Cayenne", "America/Cayenne");

        await Sites(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, Weekdays, closedOnPublicHolidays: true, null);
            return true;
        });

        Assert.Equal(HolidayCalendar.Guyane, site.Holidays);
        var power = await PowerAsync(hall.Id);
        Assert.Contains(new DateOnly(Year + 1, 6, 10), power.ClosedDays);
        Assert.DoesNotContain(new DateOnly(Year, 12, 20), power.ClosedDays);
    }

    [Fact]
    public async Task AnUnknownHolidayCalendarIsRefusedAndChangesNothing()
    {
        var site = await Sites(s => s.CreateSiteAsync($"Mairie {Guid.NewGuid():N}", "Europe/Paris"));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Sites(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, Weekdays, true, (HolidayCalendar)42);
            return true;
        }));

        Assert.Contains("holidays", refused.Errors.Keys);
        var saved = await Sites(async s => (await s.ListSitesAsync()).Single(x => x.Id == site.Id));
        Assert.Empty(saved.OpeningHours);
        Assert.Equal(HolidayCalendar.Metropole, saved.Holidays);
    }

    [Fact]
    public async Task APastClosureIsRefusedAndARemovedOneGivesTheDayBack()
    {
        var (site, screen) = await SiteWithScreenAsync("Gymnase", "Indian/Reunion");
        var works = new DateOnly(Year + 1, 3, 3);

        var past = await Assert.ThrowsAsync<ValidationException>(() => Sites(async s =>
        {
            await s.AddClosureAsync(site.Id, new DateOnly(Year - 1, 3, 3), "Travaux");
            return true;
        }));
        await Sites(async s =>
        {
            await s.AddClosureAsync(site.Id, works, "Travaux");
            return true;
        });
        Assert.Contains(works, (await PowerAsync(screen.Id)).ClosedDays);
        Assert.Equal([works], (await Sites(s => s.UpcomingClosuresAsync(site.Id))).Select(c => c.Date));

        await Sites(async s =>
        {
            await s.RemoveClosureAsync(site.Id, works);
            return true;
        });
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => Sites(async s =>
        {
            await s.RemoveClosureAsync(site.Id, works);
            return true;
        }));

        Assert.Contains("date", past.Errors.Keys);
        Assert.Equal("not-found", unknown.Code);
        Assert.DoesNotContain(works, (await PowerAsync(screen.Id)).ClosedDays);
    }

    [Theory]
    [InlineData(HolidayCalendar.Metropole, 11, null)]
    [InlineData(HolidayCalendar.AlsaceMoselle, 13, "2026-04-03")]
    [InlineData(HolidayCalendar.Guadeloupe, 12, "2026-05-27")]
    [InlineData(HolidayCalendar.Martinique, 12, "2026-05-22")]
    [InlineData(HolidayCalendar.Guyane, 12, "2026-06-10")]
    [InlineData(HolidayCalendar.Reunion, 12, "2026-12-20")]
    [InlineData(HolidayCalendar.Mayotte, 12, "2026-04-27")]
    [InlineData(HolidayCalendar.SaintMartin, 12, "2026-05-28")]
    [InlineData(HolidayCalendar.SaintBarthelemy, 12, "2026-10-09")]
    public void EachCalendarAddsItsOwnDaysToTheNationalOnes(HolidayCalendar calendar, int count, string? ownDay)
    {
        var days = FrenchPublicHolidays.In(2026, calendar).ToList();

        Assert.Equal(count, days.Count);
        Assert.Contains(new DateOnly(2026, 7, 14), days);
        Assert.Contains(new DateOnly(2026, 5, 25), days);
        if (ownDay is not null)
        {
            Assert.Contains(DateOnly.Parse(ownDay, System.Globalization.CultureInfo.InvariantCulture), days);
        }
    }

    [Theory]
    [InlineData("Europe/Paris", HolidayCalendar.Metropole)]
    [InlineData("America/Martinique", HolidayCalendar.Martinique)]
    [InlineData("Indian/Reunion", HolidayCalendar.Reunion)]
    [InlineData("Indian/Mayotte", HolidayCalendar.Mayotte)]
    public void ANewSiteTakesItsCalendarFromItsTimeZone(string timeZone, HolidayCalendar expected) =>
        Assert.Equal(expected, FrenchPublicHolidays.DefaultFor(timeZone));

    [Fact]
    public async Task OverlappingOrBackwardHoursAreRefused()
    {
        var site = await Sites(s => s.CreateSiteAsync($"Piscine {Guid.NewGuid():N}", "Europe/Paris"));

        var backward = await Assert.ThrowsAsync<ValidationException>(() => Sites(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, [new OpeningHours(DayOfWeek.Monday, new TimeOnly(18, 0), new TimeOnly(9, 0))], true, null);
            return true;
        }));
        var overlapping = await Assert.ThrowsAsync<ValidationException>(() => Sites(async s =>
        {
            await s.SetOpeningHoursAsync(site.Id, [new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0)), new OpeningHours(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(14, 0))], true, null);
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

    /// <summary>A new site in <paramref name="timeZone"/> with one screen showing one announcement.</summary>
    async Task<(Site Site, Screen Screen)> SiteWithScreenAsync(string name, string timeZone, bool visibleFromStreet = false)
    {
        var site = await Sites(s => s.CreateSiteAsync($"{name} {Guid.NewGuid():N}", timeZone));
        var group = await fixture.GroupAsync($"{name} {Guid.NewGuid():N}");
        var screen = await Screens(s => s.CreateScreenAsync(new NewScreen(name, group.Id, site.Id, VisibleFromStreet: visibleFromStreet)));
        await fixture.PublishedAsync("Horaires", group.Id);
        return (site, screen.Screen);
    }

    async Task<PowerPlan> PowerAsync(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))!.Body.Power!;

    Task<T> Screens<T>(Func<ScreenService, Task<T>> action) => fixture.WithAsync(s => action(s.GetRequiredService<ScreenService>()));

    Task<T> Sites<T>(Func<SiteService, Task<T>> action) => fixture.WithAsync(s => action(s.GetRequiredService<SiteService>()));
}
