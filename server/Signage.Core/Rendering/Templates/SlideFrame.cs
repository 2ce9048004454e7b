using Signage.Core.Imaging;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>Where each part of a template goes at one size, and the colours of its text and label.</summary>
internal sealed record SlideFrame(SKRect TextBox, SKTextAlign Align, SKColor TextColor, SKColor LabelFill, SKColor LabelText, SKRect Label, SKRect Logo, SKRect Qr, SKRect Image);

/// <summary>
/// The measures every template lays out with at one size: a unit of 1/1080 of the short side (so a slide scales
/// with the screen), the margin, and the usual places of the logo, label, QR code and text.
/// </summary>
internal sealed class SlideGrid
{
    public SlideGrid(RenderSize size, bool link)
    {
        Size = size;
        Link = link;
        (W, H) = (size.Width, size.Height);
        U = Math.Min(W, H) / 1080f;
        M = 72 * U;
        QrSide = 280 * U;
        Logo = new SKRect(W - M - (240 * U), M, W - M, M + (96 * U));
        Label = new SKRect(M, M, W - M - (260 * U), M + (96 * U));
        QrBottomRight = SKRect.Create(W - M - QrSide, H - M - QrSide, QrSide, QrSide);
        TextTop = Label.Bottom + (48 * U);
    }

    public RenderSize Size { get; }

    /// <summary>The slide shows a QR code, which the text must leave room for.</summary>
    public bool Link { get; }

    public float W { get; }

    public float H { get; }

    public float U { get; }

    /// <summary>The margin.</summary>
    public float M { get; }

    public float QrSide { get; }

    public SKRect Logo { get; }

    public SKRect Label { get; }

    public SKRect QrBottomRight { get; }

    /// <summary>Where text starts below the label.</summary>
    public float TextTop { get; }

    /// <summary><paramref name="text"/> shortened to leave the bottom-right QR code room: beside it in landscape, above it in portrait.</summary>
    public SKRect BesideQr(SKRect text) =>
        Link && !Size.Portrait ? new SKRect(text.Left, text.Top, Math.Min(text.Right, QrBottomRight.Left - M), text.Bottom)
        : Link ? new SKRect(text.Left, text.Top, text.Right, Math.Min(text.Bottom, QrBottomRight.Top - (M / 2))) : text;
}
