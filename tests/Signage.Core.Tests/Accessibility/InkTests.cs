using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Tests.Accessibility;

public class InkTests
{
    [Theory]
    [InlineData("#0B2E4F", "#FFFFFF")] // the default primary: white
    [InlineData("#F2B134", "#1A1A1A")] // the default accent: near-black
    [InlineData("#808080", "#1A1A1A")] // mid grey: 4.4:1 near-black beats 3.9:1 white
    [InlineData("#FFFFFF", "#1A1A1A")]
    [InlineData("#000000", "#FFFFFF")]
    public void TextGoesInWhiteOrNearBlackWhicheverContrastsMore(string background, string expected)
    {
        var colour = SKColor.Parse(background);

        var ink = Ink.On(colour);

        Assert.Equal(SKColor.Parse(expected), ink);
        Assert.True(Contrast.Ratio(colour, ink) >= Math.Max(Contrast.Ratio(colour, SKColors.White), Contrast.Ratio(colour, Ink.NearBlack)));
    }
}
