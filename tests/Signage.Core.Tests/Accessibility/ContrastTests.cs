using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Tests.Accessibility;

public class ContrastTests
{
    static readonly SKColor Grey777777 = SKColor.Parse("#777777");
    static readonly SKColor Grey767676 = SKColor.Parse("#767676");
    static readonly SKColor Navy = SKColor.Parse("#0B2E4F");
    static readonly SKColor MidGrey = new(0x80, 0x80, 0x80);

    [Fact]
    public void BlackOnWhiteIsTwentyOneToOne() => Assert.Equal(21.0, Contrast.Ratio(SKColors.Black, SKColors.White), 10);

    [Fact]
    public void LuminanceRunsFromZeroForBlackToOneForWhite()
    {
        Assert.Equal(0.0, Contrast.RelativeLuminance(SKColors.Black), 10);
        Assert.Equal(1.0, Contrast.RelativeLuminance(SKColors.White), 10);
    }

    [Fact]
    public void DarkChannelsBelowTheThresholdAreLinearisedByDivisionNotByThePowerCurve()
    {
        // 10/255 = 0.0392 is under 0.04045: 0.0392 / 12.92. 11/255 = 0.0431 is over: ((c + 0.055) / 1.055)^2.4.
        Assert.Equal(0.0030353, Contrast.RelativeLuminance(new SKColor(10, 10, 10)), tolerance: 1e-7);
        Assert.Equal(0.0033465, Contrast.RelativeLuminance(new SKColor(11, 11, 11)), tolerance: 1e-7);
    }

    [Fact]
    public void ChannelsAreWeightedGreenMostBlueLeast()
    {
        Assert.Equal(0.2126, Contrast.RelativeLuminance(new SKColor(255, 0, 0)), 10);
        Assert.Equal(0.7152, Contrast.RelativeLuminance(new SKColor(0, 255, 0)), 10);
        Assert.Equal(0.0722, Contrast.RelativeLuminance(new SKColor(0, 0, 255)), 10);
    }

    [Fact]
    public void Grey777777OnWhiteFallsJustShortOfFourAndAHalf()
    {
        var ratio = Contrast.Ratio(Grey777777, SKColors.White);
        Assert.Equal(4.48, ratio, 2);
        Assert.True(ratio < Contrast.RequiredRatio(largeText: false), $"{ratio} should fail body text");
    }

    [Fact]
    public void Grey767676OnWhiteJustPassesFourAndAHalf()
    {
        var ratio = Contrast.Ratio(Grey767676, SKColors.White);
        Assert.Equal(4.54, ratio, 2);
        Assert.True(ratio >= Contrast.RequiredRatio(largeText: false), $"{ratio} should pass body text");
    }

    [Fact]
    public void WhiteOnTheAnnouncementNavyIsWellAboveTheThreshold() =>
        Assert.Equal(13.83, Contrast.Ratio(SKColors.White, Navy), 2);

    [Theory]
    [InlineData("#000000")]
    [InlineData("#FFFFFF")]
    [InlineData("#0B2E4F")]
    [InlineData("#F2B134")]
    public void AColourAgainstItselfIsOneToOne(string hex)
    {
        var colour = SKColor.Parse(hex);
        Assert.Equal(1.0, Contrast.Ratio(colour, colour), 10);
    }

    [Theory]
    [InlineData("#FFFFFF", "#0B2E4F")]
    [InlineData("#777777", "#FFFFFF")]
    [InlineData("#F2B134", "#0B2E4F")]
    public void OrderOfTheTwoColoursDoesNotMatter(string a, string b)
    {
        var forwards = Contrast.Ratio(SKColor.Parse(a), SKColor.Parse(b));
        Assert.True(forwards > 1, "the pair should differ");
        Assert.Equal(forwards, Contrast.Ratio(SKColor.Parse(b), SKColor.Parse(a)), 12);
    }

    [Fact]
    public void LargeTextNeedsThreeToOneAndBodyTextFourAndAHalf()
    {
        Assert.Equal(3.0, Contrast.RequiredRatio(largeText: true));
        Assert.Equal(4.5, Contrast.RequiredRatio(largeText: false));

        var ratio = Contrast.Ratio(SKColor.Parse("#949494"), SKColors.White); // about 3.03
        Assert.True(ratio >= Contrast.RequiredRatio(largeText: true), $"{ratio} should pass large text");
        Assert.True(ratio < Contrast.RequiredRatio(largeText: false), $"{ratio} should fail body text");
    }

    [Fact]
    public void WhiteTextOverHalfWhiteHalfBlackFindsTheWhiteHalf()
    {
        using var bitmap = HalfWhiteHalfBlack(200, 100);

        var worst = Contrast.WorstCase(bitmap, new SKRectI(0, 0, 200, 100), SKColors.White);

        Assert.Equal(1.0, worst.Ratio, 10);
        Assert.Equal(SKColors.White, worst.Background);
        Assert.Equal(1.0, Contrast.WorstRatio(bitmap, new SKRectI(0, 0, 200, 100), SKColors.White), 10);
    }

    [Fact]
    public void AnAreaInsideTheBlackHalfOnlySeesBlack()
    {
        using var bitmap = HalfWhiteHalfBlack(200, 100);

        var worst = Contrast.WorstCase(bitmap, new SKRectI(100, 0, 200, 100), SKColors.White);

        Assert.Equal(21.0, worst.Ratio, 10);
        Assert.Equal(SKColors.Black, worst.Background);
    }

    [Fact]
    public void OneMidGreyPixelInsideTheAreaLowersTheResultAndIsNamed()
    {
        using var bitmap = Filled(100, 100, SKColors.Black);
        bitmap.SetPixel(37, 61, MidGrey);

        var worst = Contrast.WorstCase(bitmap, new SKRectI(10, 10, 90, 90), SKColors.White);

        Assert.Equal(Contrast.Ratio(MidGrey, SKColors.White), worst.Ratio, 10);
        Assert.True(worst.Ratio < 4, $"{worst.Ratio}");
        Assert.Equal(MidGrey, worst.Background);
    }

    [Fact]
    public void APixelOutsideTheAreaIsIgnored()
    {
        using var bitmap = Filled(100, 100, SKColors.Black);
        bitmap.SetPixel(90, 90, MidGrey); // the area's right and bottom edges are exclusive

        Assert.Equal(21.0, Contrast.WorstRatio(bitmap, new SKRectI(10, 10, 90, 90), SKColors.White), 10);
    }

    [Fact]
    public void AnAreaReachingPastTheBitmapIsClippedToIt()
    {
        using var bitmap = Filled(64, 48, SKColors.Black);
        bitmap.SetPixel(63, 0, MidGrey);

        var worst = Contrast.WorstCase(bitmap, new SKRectI(40, -50, 500, 20), SKColors.White);

        Assert.Equal(MidGrey, worst.Background);
        Assert.Equal(21.0, Contrast.WorstRatio(bitmap, new SKRectI(-100, 1, 1000, 1000), SKColors.White), 10);
    }

    [Fact]
    public void AnAreaEntirelyOutsideTheBitmapIsRefused()
    {
        using var bitmap = Filled(64, 48, SKColors.Black);

        Assert.Throws<ArgumentOutOfRangeException>(() => Contrast.WorstRatio(bitmap, new SKRectI(64, 0, 100, 48), SKColors.White));
        Assert.Throws<ArgumentOutOfRangeException>(() => Contrast.WorstRatio(bitmap, new SKRectI(-20, -20, -1, -1), SKColors.White));
    }

    [Theory]
    [InlineData(SKColorType.Rgba8888)]
    [InlineData(SKColorType.Bgra8888)]
    [InlineData(SKColorType.Rgb565)]
    public void RedAndBlueAreReadFromTheRightBytesWhateverThePixelFormat(SKColorType type)
    {
        var red = new SKColor(255, 0, 0);
        using var bitmap = new SKBitmap(new SKImageInfo(32, 16, type, type == SKColorType.Rgb565 ? SKAlphaType.Opaque : SKAlphaType.Premul));
        bitmap.Erase(red);

        var worst = Contrast.WorstCase(bitmap, new SKRectI(0, 0, 32, 16), SKColors.White);

        Assert.Equal(red, worst.Background);
        Assert.Equal(1.05 / (0.2126 + 0.05), worst.Ratio, 10); // blue instead of red would give 8.6
    }

    [Fact]
    public void EveryPixelOfAFourKBitmapIsLookedAt()
    {
        using var bitmap = Filled(3840, 2160, Navy);
        bitmap.SetPixel(3839, 2159, MidGrey); // odd coordinates: a stride of 2 from the origin would miss it

        var worst = Contrast.WorstCase(bitmap, new SKRectI(0, 0, 3840, 2160), SKColors.White);

        Assert.Equal(MidGrey, worst.Background);
    }

    static SKBitmap Filled(int width, int height, SKColor colour)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(colour);
        return bitmap;
    }

    static SKBitmap HalfWhiteHalfBlack(int width, int height)
    {
        var bitmap = Filled(width, height, SKColors.White);
        bitmap.Erase(SKColors.Black, new SKRectI(width / 2, 0, width, height));
        return bitmap;
    }
}
