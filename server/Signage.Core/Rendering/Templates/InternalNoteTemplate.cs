using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>Dark text on light paper with a primary-coloured edge: unlike public slides at a glance.</summary>
internal sealed class InternalNoteTemplate() : SlideTemplate(Templates.Internal, "Note interne", 1, ImageUse.None, "Fond clair et mention « Note interne » : pour les écrans des agents.")
{
    static readonly SKColor Paper = new(0xF7, 0xF4, 0xEC);

    internal override SlideFrame Layout(SlideGrid grid, SlideTheme theme)
    {
        var (w, h, u, m) = (grid.W, grid.H, grid.U, grid.M);
        var text = new SKRect(m + (40 * u), grid.TextTop, w - m, h - m);
        var label = new SKRect(m + (40 * u), m, w - m - (260 * u), m + (96 * u));
        return new SlideFrame(grid.BesideQr(text), SKTextAlign.Left, Ink.NearBlack, theme.Primary, Ink.On(theme.Primary), label, grid.Logo, grid.QrBottomRight, SKRect.Empty);
    }

    internal override void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image)
    {
        using var primary = new SKPaint { Color = theme.Primary, IsAntialias = true };
        canvas.Clear(Paper);
        canvas.DrawRect(0, 0, 40 * grid.U, grid.H, primary);
    }
}
