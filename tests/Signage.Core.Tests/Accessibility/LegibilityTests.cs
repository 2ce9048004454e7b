using Signage.Core.Accessibility;

namespace Signage.Core.Tests.Accessibility;

public class LegibilityTests
{
    // Expected values worked out by hand: 2 · d · tan(24 × 0.0213° / 2), 55" = 1397 mm of diagonal.

    [Theory]
    [InlineData(3.0, 26.77)]
    [InlineData(5.0, 44.61)]
    [InlineData(1.0, 8.92)]
    public void MinimumTextHeightGrowsWithTheViewingDistance(double metres, double millimetres) =>
        Assert.Equal(millimetres, Legibility.MinimumTextMillimetres(metres), 2);

    [Fact]
    public void DefaultViewingDistanceIsThreeMetres() =>
        Assert.Equal(Legibility.MinimumTextMillimetres(3.0), Legibility.MinimumTextMillimetres());

    [Fact]
    public void AFiftyFiveInchFullHdScreenNeedsAboutFortyTwoPixelsAtThreeMetres() =>
        Assert.InRange(Legibility.MinimumTextPixels(3.0, 1920, 1080, 55), 42.15f, 42.25f);

    [Fact]
    public void AFourKScreenOfTheSameSizeNeedsTwiceThePixels()
    {
        var fullHd = Legibility.MinimumTextPixels(3.0, 1920, 1080, 55);
        var fourK = Legibility.MinimumTextPixels(3.0, 3840, 2160, 55);

        Assert.InRange(fourK, 84.3f, 84.5f);
        Assert.Equal(2 * fullHd, fourK, 0.001f);
    }

    [Fact]
    public void ASmallerScreenWithTheSamePixelsNeedsMorePixels() =>
        Assert.True(Legibility.MinimumTextPixels(3.0, 1920, 1080, 32) > Legibility.MinimumTextPixels(3.0, 1920, 1080, 55));

    [Fact]
    public void DefaultDiagonalIsFiftyFiveInches() =>
        Assert.Equal(Legibility.MinimumTextPixels(5.0, 1920, 1080, 55), Legibility.MinimumTextPixels(5.0, 1920, 1080));

    [Fact]
    public void NonsensicalMeasurementsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Legibility.MinimumTextMillimetres(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Legibility.MinimumTextMillimetres(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Legibility.MinimumTextPixels(3, 0, 1080, 55));
        Assert.Throws<ArgumentOutOfRangeException>(() => Legibility.MinimumTextPixels(3, 1920, 1080, -55));
    }
}
