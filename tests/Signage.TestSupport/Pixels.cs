using SkiaSharp;

namespace Signage.TestSupport;

/// <summary>Looks at rendered slides the way a reader would: is there light text on the dark background?</summary>
public static class Pixels
{
    /// <summary>Share of pixels in <paramref name="area"/> whose luminance is above 200 (white text).</summary>
    public static double LightShare(SKBitmap image, SKRectI area)
    {
        var light = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var c = image.GetPixel(x, y);
                if ((0.2126 * c.Red) + (0.7152 * c.Green) + (0.0722 * c.Blue) > 200)
                {
                    light++;
                }
            }
        }

        return (double)light / (area.Width * area.Height);
    }

    /// <summary>A copy <paramref name="width"/> pixels wide, filtered as a reader's eye averages fine detail.</summary>
    public static SKBitmap Thumbnail(SKBitmap source, int width)
    {
        var height = (int)Math.Round(source.Height * (double)width / source.Width);
        return source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    /// <summary>Mean difference per channel (0–255) of two images of one size, and the share of pixels changed by more than 64.</summary>
    public static (double Mean, double Changed) Difference(SKBitmap a, SKBitmap b)
    {
        if ((a.Width, a.Height) != (b.Width, b.Height))
        {
            throw new ArgumentException($"{a.Width}x{a.Height} against {b.Width}x{b.Height}: sizes differ.", nameof(b));
        }

        double total = 0;
        var changed = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                var d = (Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue)) / 3.0;
                total += d;
                changed += d > 64 ? 1 : 0;
            }
        }

        var count = a.Width * a.Height;
        return (total / count, (double)changed / count);
    }
}
