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
}
