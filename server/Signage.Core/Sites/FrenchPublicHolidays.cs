namespace Signage.Core.Sites;

/// <summary>Which public holidays close a site, beyond the eleven of all France.</summary>
public enum HolidayCalendar
{
    /// <summary>The eleven public holidays of the Code du travail (L3133-1).</summary>
    Metropole,

    /// <summary>Bas-Rhin, Haut-Rhin and Moselle: also Good Friday and 26 December (local law, L3134-13).</summary>
    AlsaceMoselle,

    /// <summary>Overseas departments and collectivities: also the day of the abolition of slavery (décret 83-1003).</summary>
    Guadeloupe,
    Martinique,
    Guyane,
    Reunion,
    Mayotte,
    SaintMartin,
    SaintBarthelemy,

    /// <summary>
    /// Saint-Pierre-et-Miquelon and the Pacific collectivities: the eleven national days only, as in the
    /// data.gouv.fr dataset "Jours fériés en France" (their local days are set by local acts it does not list).
    /// </summary>
    SaintPierreMiquelon,
    NouvelleCaledonie,
    PolynesieFrancaise,
    WallisEtFutuna,
}

/// <summary>The public holidays that close a site, from its <see cref="HolidayCalendar"/>.</summary>
public static class FrenchPublicHolidays
{
    static readonly Dictionary<string, HolidayCalendar> ByTimeZone = new(StringComparer.Ordinal)
    {
        ["America/Guadeloupe"] = HolidayCalendar.Guadeloupe,
        ["America/Martinique"] = HolidayCalendar.Martinique,
        ["America/Cayenne"] = HolidayCalendar.Guyane,
        ["Indian/Reunion"] = HolidayCalendar.Reunion,
        ["Indian/Mayotte"] = HolidayCalendar.Mayotte,
        ["America/Marigot"] = HolidayCalendar.SaintMartin,
        ["America/St_Barthelemy"] = HolidayCalendar.SaintBarthelemy,
        ["America/Miquelon"] = HolidayCalendar.SaintPierreMiquelon,
        ["Pacific/Noumea"] = HolidayCalendar.NouvelleCaledonie,
        ["Pacific/Tahiti"] = HolidayCalendar.PolynesieFrancaise,
        ["Pacific/Marquesas"] = HolidayCalendar.PolynesieFrancaise,
        ["Pacific/Gambier"] = HolidayCalendar.PolynesieFrancaise,
        ["Pacific/Wallis"] = HolidayCalendar.WallisEtFutuna,
    };

    /// <summary>
    /// The calendar a new site gets from its time zone: each overseas zone has its own; Europe/Paris gives
    /// <see cref="HolidayCalendar.Metropole"/>, since Alsace-Moselle shares its zone and must be chosen by hand.
    /// </summary>
    public static HolidayCalendar DefaultFor(string timeZone) =>
        ByTimeZone.GetValueOrDefault(timeZone, HolidayCalendar.Metropole);

    /// <summary>The names the API accepts for a calendar, for error messages.</summary>
    public static string AcceptedNames => string.Join(", ", Enum.GetNames<HolidayCalendar>());

    public static IEnumerable<DateOnly> In(int year, HolidayCalendar calendar)
    {
        var easter = EasterSunday(year);
        DateOnly[] national =
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
        DateOnly[] local = calendar switch
        {
            HolidayCalendar.AlsaceMoselle => [easter.AddDays(-2), new DateOnly(year, 12, 26)],
            HolidayCalendar.Guadeloupe => [new DateOnly(year, 5, 27)],
            HolidayCalendar.Martinique => [new DateOnly(year, 5, 22)],
            HolidayCalendar.Guyane => [new DateOnly(year, 6, 10)],
            HolidayCalendar.Reunion => [new DateOnly(year, 12, 20)],
            HolidayCalendar.Mayotte => [new DateOnly(year, 4, 27)],
            HolidayCalendar.SaintMartin => [new DateOnly(year, 5, 28)],
            HolidayCalendar.SaintBarthelemy => [new DateOnly(year, 10, 9)],
            _ => [],
        };
        return national.Concat(local).Order();
    }

    /// <summary>French name of a calendar, for the console.</summary>
    public static string Label(HolidayCalendar calendar) => calendar switch
    {
        HolidayCalendar.AlsaceMoselle => "Alsace-Moselle (+ Vendredi saint, 26 décembre)",
        HolidayCalendar.Guadeloupe => "Guadeloupe (+ 27 mai)",
        HolidayCalendar.Martinique => "Martinique (+ 22 mai)",
        HolidayCalendar.Guyane => "Guyane (+ 10 juin)",
        HolidayCalendar.Reunion => "La Réunion (+ 20 décembre)",
        HolidayCalendar.Mayotte => "Mayotte (+ 27 avril)",
        HolidayCalendar.SaintMartin => "Saint-Martin (+ 28 mai)",
        HolidayCalendar.SaintBarthelemy => "Saint-Barthélemy (+ 9 octobre)",
        HolidayCalendar.SaintPierreMiquelon => "Saint-Pierre-et-Miquelon (11 jours fériés nationaux)",
        HolidayCalendar.NouvelleCaledonie => "Nouvelle-Calédonie (11 jours fériés nationaux)",
        HolidayCalendar.PolynesieFrancaise => "Polynésie française (11 jours fériés nationaux)",
        HolidayCalendar.WallisEtFutuna => "Wallis-et-Futuna (11 jours fériés nationaux)",
        _ => "Métropole (11 jours fériés nationaux)",
    };

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
