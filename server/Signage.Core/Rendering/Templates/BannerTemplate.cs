using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>The theme's primary colour with an accent rule down the left and under the label.</summary>
internal sealed class BannerTemplate() : SlideTemplate(Templates.Banner, "Bandeau", 1, ImageUse.None, "Fond aux couleurs de la collectivité, liseré et étiquette de catégorie.")
{
    internal override SlideFrame Layout(SlideGrid grid, SlideTheme theme)
    {
        var (w, h, u, m) = (grid.W, grid.H, grid.U, grid.M);
        var text = new SKRect(m + (24 * u), grid.TextTop, w - m, h - m);
        var label = new SKRect(m + (24 * u), m, w - m - (260 * u), m + (96 * u));
        return new SlideFrame(grid.BesideQr(text), SKTextAlign.Left, Ink.On(theme.Primary), theme.Accent, Ink.On(theme.Accent), label, grid.Logo, grid.QrBottomRight, SKRect.Empty);
    }

    internal override void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image)
    {
        var u = grid.U;
        using var accent = new SKPaint { Color = theme.Accent, IsAntialias = true };
        canvas.Clear(theme.Primary);
        canvas.DrawRect(0, 0, 24 * u, grid.H, accent);
        canvas.DrawRect(frame.Label.Left, frame.Label.Bottom + (20 * u), 160 * u, 10 * u, accent);
    }
}
