using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>The picture on the left (on top in portrait), the text on the primary colour beside it.</summary>
internal sealed class SplitTemplate() : SlideTemplate(Templates.Split, "Image et texte", 2, ImageUse.Required, "Une image d'un côté, le texte de l'autre (au-dessus en portrait).", SlideFormat.Jpeg)
{
    internal override SlideFrame Layout(SlideGrid grid, SlideTheme theme)
    {
        var (w, h, u, m) = (grid.W, grid.H, grid.U, grid.M);
        var portrait = grid.Size.Portrait;
        var image = portrait ? new SKRect(0, 0, w, h * 0.4f) : new SKRect(0, 0, w * 0.45f, h);
        var text = portrait
            ? new SKRect(m, image.Bottom + m + (120 * u), w - m, h - m)
            : new SKRect(image.Right + m, grid.TextTop, w - m, h - m);
        var label = portrait
            ? new SKRect(m, image.Bottom + m, w - m, image.Bottom + m + (96 * u))
            : new SKRect(image.Right + m, m, w - m - (260 * u), m + (96 * u));
        return new SlideFrame(grid.BesideQr(text), SKTextAlign.Left, Ink.On(theme.Primary), theme.Accent, Ink.On(theme.Accent), label, grid.Logo, grid.QrBottomRight, image);
    }

    internal override void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image)
    {
        var (w, h, u) = (grid.W, grid.H, grid.U);
        using var accent = new SKPaint { Color = theme.Accent, IsAntialias = true };
        canvas.Clear(theme.Primary);
        SlidePictures.Cover(canvas, image!, frame.Image);
        canvas.DrawRect(grid.Size.Portrait ? new SKRect(0, frame.Image.Bottom, w, frame.Image.Bottom + (16 * u)) : new SKRect(frame.Image.Right, 0, frame.Image.Right + (16 * u), h), accent);
    }
}
