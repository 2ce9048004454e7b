using Signage.Core.Accessibility;

namespace Signage.Core.Tests.Accessibility;

public class ReadingTimeTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void EmptyTextStillStaysEightSeconds(string text) => Assert.Equal(8, ReadingTime.MinimumSeconds(text));

    [Theory]
    [InlineData(10, 8)]  // 3 + 5 = 8
    [InlineData(11, 9)]  // 3 + 5.5 = 8.5, rounded up
    [InlineData(18, 12)] // 3 + 9
    [InlineData(20, 13)] // 3 + 10
    [InlineData(41, 24)] // 3 + 20.5 = 23.5, rounded up
    public void HalfASecondPerWordAfterThreeSecondsRoundedUp(int words, int seconds) =>
        Assert.Equal(seconds, ReadingTime.MinimumSeconds(Words(words)));

    [Theory]
    [InlineData("La médiathèque ferme à 17 h.", 6)]
    [InlineData("Rendez-vous à l’école, aujourd'hui !", 7)] // elisions and hyphens split: l’|école, aujourd|hui
    [InlineData("Infos : https://www.ville-exemple.fr/horaires?jour=lundi", 2)]
    [InlineData("Voir www.ville-exemple.fr.", 2)]
    [InlineData("Voir ville-exemple.fr/piscine", 2)]
    [InlineData("Écrire à accueil@ville-exemple.fr", 3)]
    [InlineData("Ouverture à 18:30, 3,5 km", 5)]
    [InlineData("« — » … !", 0)]
    [InlineData("e\u0301cole", 1)] // decomposed accent
    public void WordsAreRunsOfLettersAndDigitsAndALinkIsOneWord(string text, int words) =>
        Assert.Equal(words, ReadingTime.CountWords(text));

    [Fact]
    public void ATooShortDurationIsRaisedWithANoteSayingWhy()
    {
        var (seconds, note) = ReadingTime.Adjust(5, Words(18));

        Assert.Equal(12, seconds);
        Assert.Equal("Durée portée de 5\u00A0s à 12\u00A0s\u00A0: 18 mots demandent au moins 12\u00A0s de lecture.", note);
    }

    [Fact]
    public void AShortTextRaisedToTheFloorSaysSoRatherThanCountingWords()
    {
        var (seconds, note) = ReadingTime.Adjust(3, "Piscine fermée");

        Assert.Equal(8, seconds);
        Assert.Equal("Durée portée de 3\u00A0s à 8\u00A0s\u00A0: un message reste affiché au moins 8\u00A0s.", note);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(12)]
    public void ADurationLongEnoughIsKeptWithoutANote(int requested)
    {
        var (seconds, note) = ReadingTime.Adjust(requested, Words(18));

        Assert.Equal(requested, seconds);
        Assert.Null(note);
    }

    static string Words(int count) => string.Join(' ', Enumerable.Repeat("conseil", count));
}
