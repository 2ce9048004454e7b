using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>Dark red between hazard stripes, with a warning sign: fixed colours whatever the theme, and no logo.</summary>
internal sealed class AlertTemplate() : SlideTemplate(Templates.Alert, "Alerte", 1, ImageUse.None, "Rouge, bandes de danger et pictogramme : pour les alertes.")
{
    static readonly SKColor AlertRed = new(0x8E, 0x0B, 0x14);
    static readonly SKColor AlertYellow = new(0xFF, 0xC8, 0x00);

    internal override SlideFrame Layout(SlideGrid grid, SlideTheme theme)
    {
        var (w, h, u, m, qrSide) = (grid.W, grid.H, grid.U, grid.M, grid.QrSide);
        var stripe = 64 * u;
        var text = new SKRect(m, stripe + m + (120 * u), w - m, h - stripe - m);
        var label = new SKRect(m + (150 * u), stripe + m, w - m, stripe + m + (96 * u));
        var qr = SKRect.Create(w - m - qrSide, h - stripe - m - qrSide, qrSide, qrSide);
        var alertText = grid.Link ? (grid.Size.Portrait ? new SKRect(text.Left, text.Top, text.Right, qr.Top - (m / 2)) : new SKRect(text.Left, text.Top, qr.Left - m, text.Bottom)) : text;
        return new SlideFrame(alertText, SKTextAlign.Left, SKColors.White, SKColors.Black, AlertYellow, label, SKRect.Empty, qr, SKRect.Empty);
    }

    internal override void DrawBackground(SKCanvas canvas, SlideFrame frame, SlideGrid grid, SlideTheme theme, SlideImage? image)
    {
        var (w, h, u) = (grid.W, grid.H, grid.U);
        canvas.Clear(AlertRed);
        DrawHazardStripes(canvas, new SKRect(0, 0, w, 64 * u), u);
        DrawHazardStripes(canvas, new SKRect(0, h - (64 * u), w, h), u);
        DrawWarningSign(canvas, SKRect.Create(72 * u, (64 * u) + (72 * u) - (12 * u), 120 * u, 110 * u));
    }

    static void DrawHazardStripes(SKCanvas canvas, SKRect band, float u)
    {
        using var yellow = new SKPaint { Color = AlertYellow, IsAntialias = true };
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.Save();
        canvas.ClipRect(band);
        canvas.DrawRect(band, yellow);
        var step = 80 * u;
        for (var x = band.Left - band.Height; x < band.Right; x += 2 * step)
        {
            using var path = new SKPath();
            path.MoveTo(x, band.Bottom);
            path.LineTo(x + step, band.Bottom);
            path.LineTo(x + step + band.Height, band.Top);
            path.LineTo(x + band.Height, band.Top);
            path.Close();
            canvas.DrawPath(path, black);
        }

        canvas.Restore();
    }

    static void DrawWarningSign(SKCanvas canvas, SKRect box)
    {
        using var yellow = new SKPaint { Color = AlertYellow, IsAntialias = true };
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var triangle = new SKPath();
        triangle.MoveTo(box.MidX, box.Top);
        triangle.LineTo(box.Right, box.Bottom);
        triangle.LineTo(box.Left, box.Bottom);
        triangle.Close();
        canvas.DrawPath(triangle, yellow);
        var bar = box.Width / 10;
        canvas.DrawRect(box.MidX - (bar / 2), box.Top + (box.Height * 0.32f), bar, box.Height * 0.36f, black);
        canvas.DrawCircle(box.MidX, box.Top + (box.Height * 0.82f), bar * 0.6f, black);
    }
}
