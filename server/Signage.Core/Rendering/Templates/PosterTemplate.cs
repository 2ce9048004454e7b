using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>Centred text on the accent colour inside a double frame, the QR code centred at the bottom.</summary>
internal sealed class PosterTemplate() : SlideTemplate(Templates.Poster, "Affiche", 1, ImageUse.None, "Titre centré dans un cadre, pour les événements.")
{
    internal override SlideFrame Layout(SlideGrid grid, SlideTheme theme)
    {
        var (w, h, u, m) = (grid.W, grid.H, grid.U, grid.M);
        var inset = 2 * m;
        var text = new SKRect(inset, grid.TextTop + (24 * u), w - inset, h - inset);
        var label = new SKRect(inset, m + (24 * u), w - inset, m + (120 * u));
        var qr = SKRect.Create((w - grid.QrSide) / 2, h - inset - grid.QrSide, grid.QrSide, grid.QrSide);
        var posterText = grid.Link ? new SKRect(text.Left, text.Top, text.Right, qr.Top - (m / 2)) : text;
        return new SlideFrame(posterText, SKTextAlign.Center, Ink.On(theme.Accent), theme.Primary, Ink.On(theme.Primary), label, grid.Logo, qr, SKRect.Empty);
    }

    internal override void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image)
    {
        var (w, h, u) = (grid.W, grid.H, grid.U);
        canvas.Clear(theme.Accent);
        using var border = new SKPaint { Color = theme.Primary, IsAntialias = true, IsStroke = true, StrokeWidth = 12 * u };
        canvas.DrawRect(36 * u, 36 * u, w - (72 * u), h - (72 * u), border);
        border.StrokeWidth = 4 * u;
        canvas.DrawRect(60 * u, 60 * u, w - (120 * u), h - (120 * u), border);
    }
}
