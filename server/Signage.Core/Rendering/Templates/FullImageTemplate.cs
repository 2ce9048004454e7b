using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>The picture over the whole slide, the text in white on a dark scrim over its lower part.</summary>
internal sealed class FullImageTemplate() : SlideTemplate(Templates.FullImage, "Image plein écran", 2, ImageUse.Required, "L'image couvre l'écran, le texte sur un dégradé sombre.", SlideFormat.Jpeg)
{
    static readonly SKColor Scrim = new(0, 0, 0, 215);

    internal override SlideFrame Layout(SlideGrid grid, SlideTheme theme)
    {
        var (w, h, m) = (grid.W, grid.H, grid.M);
        var text = new SKRect(m, h * (grid.Size.Portrait ? 0.5f : 0.42f), w - m, h - m);
        return new SlideFrame(grid.BesideQr(text), SKTextAlign.Left, SKColors.White, theme.Accent, Ink.On(theme.Accent), grid.Label, grid.Logo, grid.QrBottomRight, new SKRect(0, 0, w, h));
    }

    internal override void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image)
    {
        var (w, h, u) = (grid.W, grid.H, grid.U);
        canvas.Clear(SKColors.Black);
        SlidePictures.Cover(canvas, image!, frame.Image);
        // A scrim darkens the image behind the text; the contrast check still measures every pixel. The
        // gradient band, then its end colour as a plain fill: the pixels of one clamped gradient, a third faster.
        // The band fades from the scrim's own black at zero alpha: from transparent white, it would pale the photo.
        var (fade, dark) = (frame.TextBox.Top - (160 * u), frame.TextBox.Top + (120 * u));
        using (var scrim = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, fade), new SKPoint(0, dark), [Scrim.WithAlpha(0), Scrim], SKShaderTileMode.Clamp),
        })
        {
            canvas.DrawRect(0, fade, w, dark - fade, scrim);
        }

        using var below = new SKPaint { Color = Scrim };
        canvas.DrawRect(0, dark, w, h - dark, below);
    }
}
