using Signage.Core.Imaging;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>Draws a picture into a box of a slide, decoded at the size the box needs.</summary>
internal static class SlidePictures
{
    /// <summary>
    /// Fills <paramref name="box"/> with the centre of the picture, decoded at the size the box needs (the
    /// geometry is the original's, so every copy crops alike). Skipped, undecoded, where the canvas is clipped away.
    /// </summary>
    public static void Cover(SKCanvas canvas, SlideImage image, SKRect box)
    {
        if (canvas.QuickReject(box))
        {
            return;
        }

        var pixels = image.Pixels(ImageCodec.Scaled(image.Width, image.Height, box.Width, box.Height), "image");
        var scale = Math.Max(box.Width / image.Width, box.Height / image.Height);
        var sw = box.Width / scale;
        var sh = box.Height / scale;
        var (kx, ky) = ((float)pixels.Width / image.Width, (float)pixels.Height / image.Height);
        var source = SKRect.Create((image.Width - sw) / 2 * kx, (image.Height - sh) / 2 * ky, sw * kx, sh * ky);
        if (MathF.Abs(source.Width - box.Width) < 0.01f && MathF.Abs(source.Height - box.Height) < 0.01f)
        {
            // Decoded at the box's size (a copy made for this render size): drawn as a sprite, rows copied as they
            // are (2 ms instead of 64 for an opaque 4K photo); the crop moves by under half a pixel to stay sharp.
            canvas.Save();
            canvas.ClipRect(box);
            canvas.DrawImage(pixels, box.Left - MathF.Round(source.Left), box.Top - MathF.Round(source.Top));
            canvas.Restore();
            return;
        }

        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawImage(pixels, source, box, Sampling(source.Width, box.Width), paint);
    }

    /// <summary>The whole picture inside <paramref name="box"/>, against its right edge (where logos go).</summary>
    public static void Contain(SKCanvas canvas, SlideImage image, SKRect box)
    {
        if (box.IsEmpty || canvas.QuickReject(box))
        {
            return;
        }

        var scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
        var target = SKRect.Create(box.Right - (image.Width * scale), box.Top, image.Width * scale, image.Height * scale);
        var pixels = image.Pixels(ImageCodec.Scaled(image.Width, image.Height, box.Width, box.Height, cover: false), "logo");
        canvas.DrawImage(pixels, target, Sampling(pixels.Width, target.Width));
    }

    // Pictures arrive decoded at less than twice the size drawn (a scaled copy, or the codec's eighths), where
    // bilinear filtering is enough; mipmaps only for an original the codec cannot scale (PNG without copies).
    static SKSamplingOptions Sampling(float sourceWidth, float drawnWidth) =>
        sourceWidth >= 2 * drawnWidth ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear) : new SKSamplingOptions(SKFilterMode.Linear);
}
