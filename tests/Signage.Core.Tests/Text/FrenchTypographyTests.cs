using Signage.Core.Text;

namespace Signage.Core.Tests.Text;

public class FrenchTypographyTests
{
    [Theory]
    [InlineData("Il a dit \"bonjour\" hier.", "Il a dit «\u00A0bonjour\u00A0» hier.")]
    [InlineData("\"Un\" et \"deux\"", "«\u00A0Un\u00A0» et «\u00A0deux\u00A0»")]
    [InlineData("\" espacé \"", "«\u00A0espacé\u00A0»")]
    public void Straight_double_quotes_become_guillemets_with_no_break_spaces_inside(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("« déjà »", "«\u00A0déjà\u00A0»")]
    [InlineData("«collé»", "«\u00A0collé\u00A0»")]
    [InlineData("«\u202Fétroit\u202F»", "«\u00A0étroit\u00A0»")]
    [InlineData("«   large   »", "«\u00A0large\u00A0»")]
    public void Existing_guillemets_get_exactly_one_no_break_space_inside(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("Écran 55\" \"neuf\"")]
    [InlineData("Il a dit \"oui")]
    [InlineData("\"a \"b\" c\"")]
    public void Quotes_that_do_not_pair_up_on_a_line_stay_as_typed(string typed) =>
        Assert.Equal(typed, FrenchTypography.Apply(typed));

    [Fact]
    public void Quotes_pair_line_by_line() =>
        Assert.Equal("Écran 55\"\n«\u00A0neuf\u00A0»", FrenchTypography.Apply("Écran 55\"\n\"neuf\""));

    [Theory]
    [InlineData("Attention !", "Attention\u202F!")]
    [InlineData("Attention!", "Attention\u202F!")]
    [InlineData("Attention\u00A0!", "Attention\u202F!")]
    [InlineData("Pourquoi ?", "Pourquoi\u202F?")]
    [InlineData("Pourquoi?", "Pourquoi\u202F?")]
    [InlineData("Horaires : 9 h", "Horaires\u202F: 9\u00A0h")]
    [InlineData("Horaires: 9 h", "Horaires\u202F: 9\u00A0h")]
    [InlineData("Horaires  \u00A0: 9 h", "Horaires\u202F: 9\u00A0h")]
    [InlineData("lundi ; mardi", "lundi\u202F; mardi")]
    [InlineData("lundi; mardi", "lundi\u202F; mardi")]
    [InlineData("Salle 3!", "Salle 3\u202F!")]
    public void High_punctuation_gets_one_narrow_no_break_space_before_it(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("Vraiment?!", "Vraiment\u202F?!")]
    [InlineData("Vraiment ?!", "Vraiment\u202F?!")]
    [InlineData("Vraiment ?!?", "Vraiment\u202F?!?")]
    [InlineData("Non!!!", "Non\u202F!!!")]
    public void Doubled_question_and_exclamation_marks_get_one_space_before_the_group(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("Il a demandé \"pourquoi?\"", "Il a demandé «\u00A0pourquoi\u202F?\u00A0»")]
    [InlineData("Il a dit \"non\"!", "Il a dit «\u00A0non\u00A0»\u202F!")]
    public void Punctuation_and_guillemets_combine(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("https://mairie.fr/agenda?mois=12&jour=1")]
    [InlineData("Voir http://example.org:8080/a;b=1 demain")]
    [InlineData("Écrire à mailto:accueil@mairie.fr?subject=Salle")]
    [InlineData("www.mairie.fr/page?id=3")]
    [InlineData("HTTPS://MAIRIE.FR/l'agenda")]
    public void Urls_are_left_untouched(string typed) =>
        Assert.Equal(typed, FrenchTypography.Apply(typed));

    [Fact]
    public void Punctuation_ending_a_sentence_after_a_url_is_spaced_but_the_url_is_not() =>
        Assert.Equal(
            "Inscriptions\u202F: https://mairie.fr/inscription?ok=1\u202F!",
            FrenchTypography.Apply("Inscriptions: https://mairie.fr/inscription?ok=1!"));

    [Theory]
    [InlineData("Ouverture à 14:30")]
    [InlineData("De 9:00 à 12:15:30")]
    [InlineData("Victoire 3:2")]
    public void Times_and_ratios_between_digits_are_left_untouched(string typed) =>
        Assert.Equal(typed, FrenchTypography.Apply(typed));

    [Fact]
    public void Punctuation_after_a_time_is_still_spaced() =>
        Assert.Equal("Rendez-vous à 14:30\u202F!", FrenchTypography.Apply("Rendez-vous à 14:30!"));

    [Theory]
    [InlineData("L'école d'aujourd'hui", "L’école d’aujourd’hui")]
    [InlineData("Qu'est-ce?", "Qu’est-ce\u202F?")]
    [InlineData("'seul' et l' espace", "'seul' et l' espace")]
    public void Straight_apostrophes_between_letters_become_typographic(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("")]
    [InlineData("Fermeture exceptionnelle de la médiathèque le 24 décembre.")]
    [InlineData("Conseil municipal\njeudi soir, salle des fêtes (entrée libre)")]
    [InlineData("  espaces   multiples  gardés  ")]
    public void Text_without_quotes_punctuation_or_apostrophes_is_unchanged(string typed) =>
        Assert.Equal(typed, FrenchTypography.Apply(typed));

    [Theory]
    [InlineData("Il a dit \"bonjour\" hier.")]
    [InlineData("« Quoi ? » ; «x»: \"y\"!")]
    [InlineData("\"\" et « » et «»")]
    [InlineData("Vraiment ? ! et ?!? puis : ; fin")]
    [InlineData("Voir https://mairie.fr/a?b=1&c=d' !, www.ville.fr: et mailto:a@b.fr?")]
    [InlineData("Horaires 14:30 ; 3:2; l'heure\u00A0?\u202F!")]
    [InlineData("Ligne\n: début\n« \nfin\n »")]
    [InlineData("Écran 55\" \"neuf\" et \"vieux")]
    public void Applying_twice_gives_the_same_text_as_applying_once(string typed)
    {
        var once = FrenchTypography.Apply(typed);
        Assert.Equal(once, FrenchTypography.Apply(once));
    }

    [Theory]
    [InlineData("de 10 h à 19 h.", "de 10\u00A0h à 19\u00A0h.")]
    [InlineData("à 14 h 30, salle B", "à 14\u00A0h\u00A030, salle B")]
    [InlineData("le 2024 h", "le 2024 h")]
    [InlineData("3 hôtels", "3 hôtels")]
    public void HoursStayOnOneLine(string typed, string expected) => Assert.Equal(expected, FrenchTypography.Apply(typed));
}
