using SkiaSharp;

namespace Signage.Core.Accessibility;

/// <summary>The lowest contrast found behind some text, and the background colour that gave it.</summary>
public readonly record struct ContrastProbe(double Ratio, SKColor Background);

/// <summary>
/// WCAG 2.1 contrast (success criterion 1.4.3, RGAA criterion 3.2). Colours are treated as opaque:
/// the alpha of an <see cref="SKColor"/> is ignored.
/// </summary>
public static class Contrast
{
    public const double NormalTextRatio = 4.5;
    public const double LargeTextRatio = 3.0;

    // Linear light of each 8-bit sRGB channel value: a pixel then costs three lookups, not three Math.Pow,
    // and the table stays 256 entries however many colours a photo holds (a per-colour dictionary would not).
    static readonly double[] Linear = BuildLinear();

    static double[] BuildLinear()
    {
        var table = new double[256];
        for (var i = 0; i < table.Length; i++)
        {
            var c = i / 255.0;
            table[i] = c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return table;
    }

    public static double RelativeLuminance(SKColor color) => Luminance(color.Red, color.Green, color.Blue);

    /// <summary>(L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour: from 1 (same luminance) to 21 (black on white).</summary>
    public static double Ratio(SKColor a, SKColor b) => RatioOf(RelativeLuminance(a), RelativeLuminance(b));

    /// <summary>3:1 for large text, 4.5:1 otherwise. WCAG compares without rounding: 4.48 fails 4.5.</summary>
    public static double RequiredRatio(bool largeText) => largeText ? LargeTextRatio : NormalTextRatio;

    /// <summary>The minimum contrast between <paramref name="text"/> and any pixel of <paramref name="background"/> inside <paramref name="area"/>.</summary>
    public static double WorstRatio(SKBitmap background, SKRectI area, SKColor text) => WorstCase(background, area, text).Ratio;

    /// <summary>
    /// The pixel of <paramref name="background"/> inside <paramref name="area"/> that contrasts least with
    /// <paramref name="text"/>, so a refusal can name its colour. The area is clipped to the bitmap; an area
    /// entirely outside it is a caller's mistake and throws. Every pixel is sampled, with no stride: a
    /// one-pixel rule or an anti-aliased edge is exactly what a stride would skip, and a 3840x2160 area
    /// still takes a few tens of milliseconds. Translucent pixels count as drawn over black.
    /// </summary>
    public static ContrastProbe WorstCase(SKBitmap background, SKRectI area, SKColor text)
    {
        ArgumentNullException.ThrowIfNull(background);
        var left = Math.Max(area.Left, 0);
        var top = Math.Max(area.Top, 0);
        var right = Math.Min(area.Right, background.Width);
        var bottom = Math.Min(area.Bottom, background.Height);
        if (right <= left || bottom <= top)
        {
            throw new ArgumentOutOfRangeException(nameof(area), area, $"The area does not overlap the {background.Width}x{background.Height} bitmap.");
        }

        var clipped = new SKRectI(left, top, right, bottom);
        var textLuminance = RelativeLuminance(text);
        var type = background.ColorType;
        if ((type is SKColorType.Rgba8888 or SKColorType.Bgra8888) && (background.AlphaType is SKAlphaType.Opaque or SKAlphaType.Premul))
        {
            return Scan(background.GetPixelSpan(), background.RowBytes, clipped, type == SKColorType.Bgra8888, textLuminance);
        }

        // Other layouts (565, gray, F16, unpremultiplied...): let Skia convert just the area, then scan that.
        using var copy = new SKBitmap(new SKImageInfo(clipped.Width, clipped.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var source = background.PeekPixels();
        using var target = copy.PeekPixels();
        if (source is null || !source.ReadPixels(target, clipped.Left, clipped.Top))
        {
            throw new ArgumentException($"Cannot read pixels of type {type}/{background.AlphaType}.", nameof(background));
        }

        return Scan(copy.GetPixelSpan(), copy.RowBytes, new SKRectI(0, 0, clipped.Width, clipped.Height), bgra: false, textLuminance);
    }

    static ContrastProbe Scan(ReadOnlySpan<byte> pixels, int rowBytes, SKRectI area, bool bgra, double textLuminance)
    {
        var worst = double.PositiveInfinity;
        var worstKey = 0;
        // Only a luminance strictly between these two contrasts less than the worst so far: a range test
        // per pixel instead of a division, which keeps a noisy photo close to the cost of a flat fill.
        var darker = double.NegativeInfinity;
        var lighter = double.PositiveInfinity;
        var previousKey = -1; // no 24-bit colour is negative
        var (redAt, blueAt) = bgra ? (2, 0) : (0, 2);
        for (var y = area.Top; y < area.Bottom; y++)
        {
            var row = pixels.Slice((y * rowBytes) + (area.Left * 4), area.Width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var key = (row[i + redAt] << 16) | (row[i + 1] << 8) | row[i + blueAt];
                if (key == previousKey)
                {
                    continue; // slides are mostly flat colour: runs cost one comparison per pixel
                }

                previousKey = key;
                var luminance = Luminance((byte)(key >> 16), (byte)(key >> 8), (byte)key);
                if (luminance > darker && luminance < lighter)
                {
                    worst = RatioOf(textLuminance, luminance);
                    worstKey = key;
                    darker = ((textLuminance + 0.05) / worst) - 0.05;
                    lighter = ((textLuminance + 0.05) * worst) - 0.05;
                }
            }
        }

        return new ContrastProbe(worst, new SKColor((byte)(worstKey >> 16), (byte)(worstKey >> 8), (byte)worstKey));
    }

    static double Luminance(byte red, byte green, byte blue) =>
        (0.2126 * Linear[red]) + (0.7152 * Linear[green]) + (0.0722 * Linear[blue]);

    static double RatioOf(double a, double b) => a >= b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}
