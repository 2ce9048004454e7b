using SkiaSharp;

namespace Signage.Core.Accessibility;

/// <summary>
/// The colour text is drawn in on a colour of the theme or of a template: white or near-black, whichever contrasts
/// more. The theme refuses a colour on which neither reaches <see cref="Contrast.NormalTextRatio"/>, and slides draw
/// with the same choice, so a colour the theme accepts gives readable text.
/// </summary>
public static class Ink
{
    /// <summary>The near-black of the templates' dark text: 17.4:1 on white, so it gives up almost nothing to black.</summary>
    public static readonly SKColor NearBlack = new(0x1A, 0x1A, 0x1A);

    /// <summary>White or <see cref="NearBlack"/>, whichever contrasts more with <paramref name="background"/> (white on a tie).</summary>
    public static SKColor On(SKColor background) =>
        Contrast.Ratio(background, SKColors.White) >= Contrast.Ratio(background, NearBlack) ? SKColors.White : NearBlack;
}
