using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Sites;

namespace Signage.Core.Tests.Sites;

/// <summary>
/// Every calendar against the data.gouv.fr dataset "Jours fériés en France" (etalab/jours-feries-france),
/// ten years of every zone, shipped as <c>jours-feries-france.csv</c> beside this file.
/// </summary>
public sealed class FrenchPublicHolidaysTests
{
    /// <summary>The dataset's zone names (its <c>zone</c> column) for each calendar.</summary>
    static readonly Dictionary<string, HolidayCalendar> Zones = new(StringComparer.Ordinal)
    {
        ["Métropole"] = HolidayCalendar.Metropole,
        ["Alsace-Moselle"] = HolidayCalendar.AlsaceMoselle,
        ["Guadeloupe"] = HolidayCalendar.Guadeloupe,
        ["Martinique"] = HolidayCalendar.Martinique,
        ["Guyane"] = HolidayCalendar.Guyane,
        ["La Réunion"] = HolidayCalendar.Reunion,
        ["Mayotte"] = HolidayCalendar.Mayotte,
        ["Saint-Martin"] = HolidayCalendar.SaintMartin,
        ["Saint-Barthélémy"] = HolidayCalendar.SaintBarthelemy,
        ["Saint-Pierre-et-Miquelon"] = HolidayCalendar.SaintPierreMiquelon,
        ["Nouvelle-Calédonie"] = HolidayCalendar.NouvelleCaledonie,
        ["Polynésie Française"] = HolidayCalendar.PolynesieFrancaise,
        ["Wallis-et-Futuna"] = HolidayCalendar.WallisEtFutuna,
    };

    static readonly Lazy<List<(DateOnly Date, string Zone, string Name)>> Dataset = new(() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Sites", "jours-feries-france.csv"))
            .Where(line => !line.StartsWith('#'))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[2], f[3]))]);

    public static TheoryData<string> DatasetZones() => [.. Zones.Keys];

    [Theory]
    [MemberData(nameof(DatasetZones))]
    public void EachZoneHasTheDatasetsHolidaysForTenYears(string zone)
    {
        var calendar = Zones[zone];
        var rows = Dataset.Value.Where(r => r.Zone == zone).ToList();
        var years = rows.Select(r => r.Date.Year).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(2025, 10), years);

        foreach (var year in years)
        {
            var expected = rows.Where(r => r.Date.Year == year).Select(r => r.Date).Order().ToList();
            Assert.Equal(expected, FrenchPublicHolidays.In(year, calendar).ToList());
        }
    }

    [Fact]
    public void EveryCalendarIsCheckedAgainstTheDatasetAndEveryDatasetZoneHasACalendar()
    {
        Assert.Equal(Enum.GetValues<HolidayCalendar>().Order(), Zones.Values.Order());
        Assert.Equal(Zones.Keys.Order(StringComparer.Ordinal), Dataset.Value.Select(r => r.Zone).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Europe/Paris", HolidayCalendar.Metropole)]
    [InlineData("America/Guadeloupe", HolidayCalendar.Guadeloupe)]
    [InlineData("America/Martinique", HolidayCalendar.Martinique)]
    [InlineData("America/Cayenne", HolidayCalendar.Guyane)]
    [InlineData("Indian/Reunion", HolidayCalendar.Reunion)]
    [InlineData("Indian/Mayotte", HolidayCalendar.Mayotte)]
    [InlineData("America/Marigot", HolidayCalendar.SaintMartin)]
    [InlineData("America/St_Barthelemy", HolidayCalendar.SaintBarthelemy)]
    [InlineData("America/Miquelon", HolidayCalendar.SaintPierreMiquelon)]
    [InlineData("Pacific/Noumea", HolidayCalendar.NouvelleCaledonie)]
    [InlineData("Pacific/Tahiti", HolidayCalendar.PolynesieFrancaise)]
    [InlineData("Pacific/Marquesas", HolidayCalendar.PolynesieFrancaise)]
    [InlineData("Pacific/Gambier", HolidayCalendar.PolynesieFrancaise)]
    [InlineData("Pacific/Wallis", HolidayCalendar.WallisEtFutuna)]
    public void ANewSiteTakesItsHolidayCalendarFromItsTimeZone(string timeZone, HolidayCalendar expected)
    {
        Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        Assert.Equal(expected, FrenchPublicHolidays.DefaultFor(timeZone));
    }

    [Fact]
    public void EveryHolidayCalendarNameFitsTheSitesColumn()
    {
        using var db = new SignageDb(new DbContextOptionsBuilder<SignageDb>().UseNpgsql("Host=unused").Options);
        var column = db.Model.FindEntityType(typeof(Site))!.FindProperty(nameof(Site.Holidays))!;

        Assert.All(Enum.GetNames<HolidayCalendar>(), name => Assert.InRange(name.Length, 1, column.GetMaxLength()!.Value));
    }

    [Fact]
    public void TheRefusalOfAnUnknownHolidayCalendarNamesEveryCalendar() =>
        Assert.Equal(
            "Metropole, AlsaceMoselle, Guadeloupe, Martinique, Guyane, Reunion, Mayotte, SaintMartin, SaintBarthelemy, "
            + "SaintPierreMiquelon, NouvelleCaledonie, PolynesieFrancaise, WallisEtFutuna",
            FrenchPublicHolidays.AcceptedNames);
}
