namespace Signage.Core.Screens;

/// <summary>
/// The eleven public holidays of metropolitan France (Code du travail L3133-1). Alsace-Moselle
/// (Good Friday, 26 December) and overseas abolition days are not yet included.
/// </summary>
public static class FrenchPublicHolidays
{
    public static IEnumerable<DateOnly> In(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new DateOnly(year, 1, 1),
            easter.AddDays(1),
            new DateOnly(year, 5, 1),
            new DateOnly(year, 5, 8),
            easter.AddDays(39),
            easter.AddDays(50),
            new DateOnly(year, 7, 14),
            new DateOnly(year, 8, 15),
            new DateOnly(year, 11, 1),
            new DateOnly(year, 11, 11),
            new DateOnly(year, 12, 25),
        ];
    }

    /// <summary>Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
