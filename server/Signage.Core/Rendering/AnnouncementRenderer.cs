using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using QRCoder;
using Signage.Core.Accessibility;
using Signage.Core.Content;
using Signage.Core.Imaging;
using Signage.Core.Text;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Signage.Core.Rendering;

/// <summary>Colours and logo of the organisation, drawn on every slide.</summary>
public sealed record SlideTheme(SKColor Primary, SKColor Accent, SlideImage? Logo = null)
{
    public static SlideTheme Default { get; } = new(new SKColor(0x0B, 0x2E, 0x4F), new SKColor(0xF2, 0xB1, 0x34));
}

/// <summary>
/// Everything drawn on a slide. <paramref name="Image"/> and the theme's logo keep what they decode, so one slide
/// drawn at several sizes decodes each picture once; whoever made the pictures disposes them.
/// </summary>
public sealed record AnnouncementSlide(
    string Title,
    string Body,
    string Template = Templates.Banner,
    Category Category = Category.Information,
    string? Link = null,
    SlideImage? Image = null,
    SlideTheme? Theme = null);

/// <summary>An encoded slide and what the checks measured on it.</summary>
public sealed record RenderedSlide(byte[] Bytes, string MediaType, float BodyPixels, double WorstContrast);

/// <summary>What the checks measured on a slide that passed them: the body text size and the worst contrast behind any line.</summary>
public sealed record SlideCheck(float BodyPixels, double WorstContrast);

/// <summary>Where everything goes on one slide at one size, decided before a pixel is drawn.</summary>
internal sealed record SlidePlan(AnnouncementSlide Slide, SlideTemplate Template, SlideTheme Theme, SlideGrid Grid, SlideFrame Frame, TextBlock Text, CategoryLabel Label)
{
    /// <summary>Every line whose contrast is measured: the text, then the category label.</summary>
    public IEnumerable<TextLine> ProbedLines => Text.Lines.Append(Label.Line);
}

/// <summary>
/// Draws announcements with SkiaSharp and HarfBuzz shaping, with the fonts shipped in the
/// assembly, so the same input gives the same bytes on every host. A slide is refused rather
/// than drawn badly (<see cref="SlideChecks"/>). Each template (<see cref="Templates.All"/>) lays out
/// and draws its own background; text is placed by <see cref="TextLayout"/>. Templates are still
/// images: nothing animates, so nothing can flash.
/// </summary>
public sealed class AnnouncementRenderer
{
    public static readonly RenderSize FullHd = new(1920, 1080);

    readonly TextLayout layout = new();

    public static string MediaTypeOf(SlideFormat format) => EncodingOf(format).MediaType;

    /// <summary>Flat colours stay exact and small as PNG; a photo is a fraction of the bytes as JPEG.</summary>
    static ImageEncoding EncodingOf(SlideFormat format) => format switch
    {
        SlideFormat.Png => ImageEncoding.PngFast,
        SlideFormat.Jpeg => ImageEncoding.Jpeg444,
        _ => ImageEncoding.WebpLossless,
    };

    /// <summary>Minimum body text in pixels for the default screen: 55 inches read from 3 m.</summary>
    public static float DefaultMinimum(RenderSize size) =>
        Legibility.MinimumTextPixels(Legibility.DefaultViewingDistanceMeters, size.Width, size.Height);

    public byte[] RenderPng(AnnouncementSlide slide, RenderSize size) => Render(slide, size, DefaultMinimum(size), SlideFormat.Png).Bytes;

    /// <summary>
    /// Draws, checks and encodes the slide, in its template's format unless <paramref name="format"/> says otherwise;
    /// throws <see cref="SlideRefusedException"/> when a check fails.
    /// </summary>
    public RenderedSlide Render(AnnouncementSlide slide, RenderSize size, float minimumBodyPixels, SlideFormat? format = null)
    {
        var plan = Plan(slide, size, minimumBodyPixels);
        var encoding = EncodingOf(format ?? plan.Template.Format);
        using var bitmap = NewBitmap(size);
        double contrast;
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawBackdrop(canvas, plan);
            contrast = SlideChecks.WorstContrast(canvas, bitmap, plan);
            DrawText(canvas, plan);
        }

        using var pixmap = bitmap.PeekPixels();
        return new RenderedSlide(ImageCodec.Encode(pixmap, encoding), encoding.MediaType, plan.Text.BodySize, contrast);
    }

    /// <summary>
    /// Every check <see cref="Render"/> makes, with the same outcome and the same message, for a fraction of the
    /// cost: nothing is encoded and only the pixels behind the text are drawn (a picture no text covers is not even
    /// decoded). Contrast is measured on those pixels, which are the ones <see cref="Render"/> draws there.
    /// </summary>
    /// <exception cref="SlideRefusedException">A check fails.</exception>
    public SlideCheck Check(AnnouncementSlide slide, RenderSize size, float minimumBodyPixels)
    {
        var plan = Plan(slide, size, minimumBodyPixels);
        using var bitmap = NewBitmap(size);
        using var canvas = new SKCanvas(bitmap);
        using var behindText = new SKRegion();
        foreach (var line in plan.ProbedLines)
        {
            behindText.Op(line.Bounds, SKRegionOperation.Union);
        }

        canvas.ClipRegion(behindText);
        DrawBackdrop(canvas, plan);
        return new SlideCheck(plan.Text.BodySize, SlideChecks.WorstContrast(canvas, bitmap, plan));
    }

    /// <summary>Why the slide cannot be drawn readably at this size, or null when it can: checked before anything is saved.</summary>
    public SlideRefusedException? Refusal(AnnouncementSlide slide, RenderSize size, float? minimumBodyPixels = null)
    {
        try
        {
            Check(slide, size, minimumBodyPixels ?? DefaultMinimum(size));
            return null;
        }
        catch (SlideRefusedException e)
        {
            return e;
        }
    }

    static SKBitmap NewBitmap(RenderSize size) => new(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));

    SlidePlan Plan(AnnouncementSlide slide, RenderSize size, float minimumBody)
    {
        var template = SlideChecks.TemplateOf(slide);
        var theme = slide.Theme ?? SlideTheme.Default;
        SlideChecks.EnsureDrawable(slide.Image, "image");
        SlideChecks.EnsureDrawable(theme.Logo, "logo");
        var grid = new SlideGrid(size, slide.Link is not null);
        var frame = template.Layout(grid, theme);
        var label = Templates.Label(slide.Category).ToUpperInvariant();
        var title = FrenchTypography.Apply(slide.Title.Trim());
        var body = FrenchTypography.Apply(slide.Body.Trim());
        var text = SlideChecks.Fitted(layout, title, body, frame, minimumBody);
        return new SlidePlan(slide, template, theme, grid, frame, text, SlideChecks.Fitted(layout, label, frame, minimumBody));
    }

    /// <summary>Everything under the text: the template's background, logo, QR code and the label's pill.</summary>
    static void DrawBackdrop(SKCanvas canvas, SlidePlan plan)
    {
        var (frame, theme) = (plan.Frame, plan.Theme);
        plan.Template.DrawBackground(canvas, frame, plan.Grid, theme, plan.Slide.Image);
        if (theme.Logo is not null)
        {
            SlidePictures.Contain(canvas, theme.Logo, frame.Logo);
        }

        if (plan.Slide.Link is not null && !canvas.QuickReject(frame.Qr))
        {
            QrCode.Draw(canvas, plan.Slide.Link, frame.Qr);
        }

        using var pill = new SKPaint { Color = plan.Label.Fill, IsAntialias = true };
        canvas.DrawRoundRect(plan.Label.Pill, plan.Label.Pill.Height / 4, plan.Label.Pill.Height / 4, pill);
    }

    void DrawText(SKCanvas canvas, SlidePlan plan)
    {
        layout.Shaper.Draw(canvas, plan.Label.Line);
        foreach (var line in plan.Text.Lines)
        {
            layout.Shaper.Draw(canvas, line);
        }

        using var paint = new SKPaint { Color = plan.Frame.TextColor, IsAntialias = true };
        foreach (var bullet in plan.Text.Bullets)
        {
            canvas.DrawCircle(bullet.X, bullet.Y, bullet.Radius, paint);
        }
    }
}
