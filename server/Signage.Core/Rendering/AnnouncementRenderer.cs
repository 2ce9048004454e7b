using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using QRCoder;
using Signage.Core.Accessibility;
using Signage.Core.Content;
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

public readonly record struct RenderSize(int Width, int Height)
{
    public bool Portrait => Height > Width;

    public override string ToString() => $"{Width}×{Height}";
}

public enum SlideFormat
{
    Png,
    Webp,
    Jpeg,
}

/// <summary>An encoded slide and what the checks measured on it.</summary>
public sealed record RenderedSlide(byte[] Bytes, string MediaType, float BodyPixels, double WorstContrast);

/// <summary>What the checks measured on a slide that passed them: the body text size and the worst contrast behind any line.</summary>
public sealed record SlideCheck(float BodyPixels, double WorstContrast);

/// <summary>The slide cannot be drawn readably: the message says why and what to change.</summary>
public sealed class SlideRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Draws announcements with SkiaSharp and HarfBuzz shaping, with the fonts shipped in the
/// assembly, so the same input gives the same bytes on every host. A slide is refused rather
/// than drawn badly: text that does not fit at the minimum readable size, a word wider than a
/// line, a character no shipped font has, or text whose contrast with the pixels behind it is
/// below WCAG 1.4.3. Templates are still images: nothing animates, so nothing can flash.
/// </summary>
public sealed class AnnouncementRenderer
{
    public static readonly RenderSize FullHd = new(1920, 1080);

    const int MaxImagePixels = 40_000_000;

    /// <summary>
    /// zlib level 1 with the Up filter. Measured on every template against level 3 with Sub: as fast on flat slides,
    /// from 1 % larger to 21 % smaller; 2 to 2.8 times faster over a photo, whose slide grows by 5 to 11 %.
    /// </summary>
    internal static readonly SKPngEncoderOptions Png = new(SKPngEncoderFilterFlags.Up, 1);

    /// <summary>
    /// Quality of photo slides: at 90 with colour at full resolution the edges of text show no ringing from across a
    /// lobby, and a 4K full-screen slide weighs about 1 MB instead of 7.8 MB as PNG.
    /// </summary>
    const int JpegQuality = 90;

    public static string MediaTypeOf(SlideFormat format) => format switch
    {
        SlideFormat.Png => "image/png",
        SlideFormat.Jpeg => "image/jpeg",
        _ => "image/webp",
    };

    readonly ConcurrentDictionary<SKTypeface, ThreadLocal<SKShaper>> shapers = new();

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
        var encoding = format ?? plan.Template.Format;
        using var bitmap = NewBitmap(size);
        double contrast;
        using (var canvas = new SKCanvas(bitmap))
        {
            DrawBackdrop(canvas, plan);
            contrast = Probe(canvas, bitmap, plan);
            DrawText(canvas, plan);
        }

        using var pixmap = bitmap.PeekPixels();
        var bytes = encoding == SlideFormat.Jpeg ? Jpeg.Encode(pixmap, JpegQuality, fullChroma: true) : EncodeWithSkia(pixmap, encoding);
        return new RenderedSlide(bytes, MediaTypeOf(encoding), plan.Layout.BodySize, contrast);
    }

    static byte[] EncodeWithSkia(SKPixmap pixmap, SlideFormat format)
    {
        using var data = format == SlideFormat.Png
            ? pixmap.Encode(Png)
            : pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 75));
        return data?.ToArray() ?? throw new InvalidOperationException($"SkiaSharp could not encode a {pixmap.Width} × {pixmap.Height} slide as {format}.");
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
        return new SlideCheck(plan.Layout.BodySize, Probe(canvas, bitmap, plan));
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

    /// <summary>Where everything goes on one slide at one size, decided before a pixel is drawn.</summary>
    sealed record SlidePlan(AnnouncementSlide Slide, SlideTemplate Template, SlideTheme Theme, RenderSize Size, Frame Frame, Layout Layout, LabelLayout Label)
    {
        /// <summary>Every line whose contrast is measured: the text, then the category label.</summary>
        public IEnumerable<Line> ProbedLines => Layout.Lines.Append(Label.Line);
    }

    SlidePlan Plan(AnnouncementSlide slide, RenderSize size, float minimumBody)
    {
        var template = Templates.Find(slide.Template)
            ?? throw new SlideRefusedException("template", $"Le modèle « {slide.Template} » n'existe pas.");
        if (template.Image == ImageUse.Required && slide.Image is null)
        {
            throw new SlideRefusedException("image", $"Le modèle « {template.Name} » a besoin d'une image : choisissez-en une dans la médiathèque.");
        }

        if (template.Image == ImageUse.None && slide.Image is not null)
        {
            throw new SlideRefusedException("image", $"Le modèle « {template.Name} » ne montre pas d'image : retirez-la ou choisissez « Image et texte » ou « Image plein écran ».");
        }

        var theme = slide.Theme ?? SlideTheme.Default;
        EnsureDrawable(slide.Image, "image");
        EnsureDrawable(theme.Logo, "logo");
        var frame = Frame.Of(template.Key, size, theme, slide.Link is not null);
        var label = Templates.Label(slide.Category).ToUpperInvariant();
        var title = FrenchTypography.Apply(slide.Title.Trim());
        var bodyText = FrenchTypography.Apply(slide.Body.Trim());
        var layout = Fit(title, bodyText, frame, minimumBody);
        return new SlidePlan(slide, template, theme, size, frame, layout, LabelBlock(label, frame, minimumBody));
    }

    static void EnsureDrawable(SlideImage? image, string field)
    {
        if (image is null)
        {
            return;
        }

        if (image.Width <= 0 || image.Height <= 0)
        {
            throw SlideImage.Unreadable(field);
        }

        if ((long)image.Width * image.Height > MaxImagePixels)
        {
            throw new SlideRefusedException(field, "L'image est trop grande pour être dessinée (40 mégapixels au plus).");
        }
    }

    /// <summary>Everything under the text: background, picture, logo, QR code and the label's pill.</summary>
    static void DrawBackdrop(SKCanvas canvas, SlidePlan plan)
    {
        var (frame, theme) = (plan.Frame, plan.Theme);
        DrawBackground(canvas, frame, plan.Template.Key, plan.Size, theme, plan.Slide.Image);
        if (theme.Logo is not null)
        {
            DrawContained(canvas, theme.Logo, frame.Logo);
        }

        if (plan.Slide.Link is not null && !canvas.QuickReject(frame.Qr))
        {
            DrawQr(canvas, plan.Slide.Link, frame.Qr);
        }

        using var pill = new SKPaint { Color = plan.Label.Fill, IsAntialias = true };
        canvas.DrawRoundRect(plan.Label.Pill, plan.Label.Pill.Height / 4, plan.Label.Pill.Height / 4, pill);
    }

    /// <summary>
    /// The worst contrast between each line's colour and the pixels already drawn behind it, before the text goes
    /// on; throws the refusal for the first line below its required ratio.
    /// </summary>
    static double Probe(SKCanvas canvas, SKBitmap bitmap, SlidePlan plan)
    {
        canvas.Flush();
        var worst = double.MaxValue;
        foreach (var line in plan.ProbedLines)
        {
            var probe = Contrast.WorstCase(bitmap, line.Bounds, line.Color);
            var required = Contrast.RequiredRatio(line.Large);
            if (probe.Ratio < required)
            {
                var field = plan.Template.Image == ImageUse.None ? "theme" : "image";
                throw new SlideRefusedException(field, string.Create(CultureInfo.GetCultureInfo("fr-FR"),
                    $"En {plan.Size}, le texte « {Snippet(line.Text)} » ne contraste pas assez avec ce qui est derrière lui : {probe.Ratio:0.0}:1 au pire (sur {Hex(probe.Background)}), {required:0.0}:1 requis. Choisissez une image plus sombre, un autre modèle ou d'autres couleurs de thème."));
            }

            worst = Math.Min(worst, probe.Ratio);
        }

        return worst;
    }

    void DrawText(SKCanvas canvas, SlidePlan plan)
    {
        DrawLine(canvas, plan.Label.Line);
        foreach (var line in plan.Layout.Lines)
        {
            DrawLine(canvas, line);
        }

        using var paint = new SKPaint { Color = plan.Frame.Ink, IsAntialias = true };
        foreach (var bullet in plan.Layout.Bullets)
        {
            canvas.DrawCircle(bullet.X, bullet.Y, bullet.Radius, paint);
        }
    }

    static string Snippet(string text) => text.Length <= 30 ? text : $"{text[..29]}…";

    static string Hex(SKColor c) => $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}";

    /// <summary>Where each part of a template goes at one size.</summary>
    sealed record Frame(SKRect TextBox, SKTextAlign Align, SKColor Ink, SKColor LabelFill, SKColor LabelText, SKRect Label, SKRect Logo, SKRect Qr, SKRect Image)
    {
        public static Frame Of(string template, RenderSize size, SlideTheme theme, bool link)
        {
            float w = size.Width, h = size.Height;
            var u = Math.Min(w, h) / 1080f;
            var m = 72 * u;
            var qrSide = 280 * u;
            var logo = new SKRect(w - m - (240 * u), m, w - m, m + (96 * u));
            var label = new SKRect(m, m, w - m - (260 * u), m + (96 * u));
            var onPrimary = BestText(theme.Primary);
            var qrBottomRight = SKRect.Create(w - m - qrSide, h - m - qrSide, qrSide, qrSide);
            SKRect BesideQr(SKRect r) => link && !size.Portrait ? new SKRect(r.Left, r.Top, Math.Min(r.Right, qrBottomRight.Left - m), r.Bottom)
                : link ? new SKRect(r.Left, r.Top, r.Right, Math.Min(r.Bottom, qrBottomRight.Top - (m / 2))) : r;
            var textTop = label.Bottom + (48 * u);
            switch (template)
            {
                case Templates.Split:
                {
                    var image = size.Portrait ? new SKRect(0, 0, w, h * 0.4f) : new SKRect(0, 0, w * 0.45f, h);
                    var text = size.Portrait
                        ? new SKRect(m, image.Bottom + m + (120 * u), w - m, h - m)
                        : new SKRect(image.Right + m, textTop, w - m, h - m);
                    var splitLabel = size.Portrait
                        ? new SKRect(m, image.Bottom + m, w - m, image.Bottom + m + (96 * u))
                        : new SKRect(image.Right + m, m, w - m - (260 * u), m + (96 * u));
                    return new Frame(BesideQr(text), SKTextAlign.Left, onPrimary, theme.Accent, BestText(theme.Accent), splitLabel, logo, qrBottomRight, image);
                }

                case Templates.FullImage:
                {
                    var text = new SKRect(m, h * (size.Portrait ? 0.5f : 0.42f), w - m, h - m);
                    return new Frame(BesideQr(text), SKTextAlign.Left, SKColors.White, theme.Accent, BestText(theme.Accent), label, logo, qrBottomRight, new SKRect(0, 0, w, h));
                }

                case Templates.Poster:
                {
                    var inset = 2 * m;
                    var text = new SKRect(inset, textTop + (24 * u), w - inset, h - inset);
                    var centred = new SKRect(inset, m + (24 * u), w - inset, m + (120 * u));
                    var qr = SKRect.Create((w - qrSide) / 2, h - inset - qrSide, qrSide, qrSide);
                    var posterText = link ? new SKRect(text.Left, text.Top, text.Right, qr.Top - (m / 2)) : text;
                    return new Frame(posterText, SKTextAlign.Center, BestText(theme.Accent), theme.Primary, BestText(theme.Primary), centred, logo, qr, SKRect.Empty);
                }

                case Templates.Alert:
                {
                    var stripe = 64 * u;
                    var text = new SKRect(m, stripe + m + (120 * u), w - m, h - stripe - m);
                    var alertLabel = new SKRect(m + (150 * u), stripe + m, w - m, stripe + m + (96 * u));
                    var qr = SKRect.Create(w - m - qrSide, h - stripe - m - qrSide, qrSide, qrSide);
                    var alertText = link ? (size.Portrait ? new SKRect(text.Left, text.Top, text.Right, qr.Top - (m / 2)) : new SKRect(text.Left, text.Top, qr.Left - m, text.Bottom)) : text;
                    return new Frame(alertText, SKTextAlign.Left, SKColors.White, SKColors.Black, AlertYellow, alertLabel, SKRect.Empty, qr, SKRect.Empty);
                }

                case Templates.Internal:
                {
                    var text = new SKRect(m + (40 * u), textTop, w - m, h - m);
                    var internalLabel = new SKRect(m + (40 * u), m, w - m - (260 * u), m + (96 * u));
                    return new Frame(BesideQr(text), SKTextAlign.Left, InkOnPaper, theme.Primary, BestText(theme.Primary), internalLabel, logo, qrBottomRight, SKRect.Empty);
                }

                default:
                {
                    var text = new SKRect(m + (24 * u), textTop, w - m, h - m);
                    var bannerLabel = new SKRect(m + (24 * u), m, w - m - (260 * u), m + (96 * u));
                    return new Frame(BesideQr(text), SKTextAlign.Left, onPrimary, theme.Accent, BestText(theme.Accent), bannerLabel, logo, qrBottomRight, SKRect.Empty);
                }
            }
        }
    }

    static readonly SKColor AlertRed = new(0x8E, 0x0B, 0x14);
    static readonly SKColor AlertYellow = new(0xFF, 0xC8, 0x00);
    static readonly SKColor Paper = new(0xF7, 0xF4, 0xEC);
    static readonly SKColor InkOnPaper = new(0x1A, 0x1A, 0x1A);
    static readonly SKColor Scrim = new(0, 0, 0, 215);

    /// <summary>White or near-black, whichever contrasts more with the background.</summary>
    static SKColor BestText(SKColor background) =>
        Contrast.Ratio(background, SKColors.White) >= Contrast.Ratio(background, InkOnPaper) ? SKColors.White : InkOnPaper;

    static void DrawBackground(SKCanvas canvas, Frame frame, string template, RenderSize size, SlideTheme theme, SlideImage? image)
    {
        float w = size.Width, h = size.Height;
        var u = Math.Min(w, h) / 1080f;
        using var accent = new SKPaint { Color = theme.Accent, IsAntialias = true };
        using var primary = new SKPaint { Color = theme.Primary, IsAntialias = true };
        switch (template)
        {
            case Templates.Split:
                canvas.Clear(theme.Primary);
                DrawCovering(canvas, image!, frame.Image);
                canvas.DrawRect(size.Portrait ? new SKRect(0, frame.Image.Bottom, w, frame.Image.Bottom + (16 * u)) : new SKRect(frame.Image.Right, 0, frame.Image.Right + (16 * u), h), accent);
                break;
            case Templates.FullImage:
                canvas.Clear(SKColors.Black);
                DrawCovering(canvas, image!, frame.Image);
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

                using (var below = new SKPaint { Color = Scrim })
                {
                    canvas.DrawRect(0, dark, w, h - dark, below);
                }

                break;
            case Templates.Poster:
                canvas.Clear(theme.Accent);
                using (var border = new SKPaint { Color = theme.Primary, IsAntialias = true, IsStroke = true, StrokeWidth = 12 * u })
                {
                    canvas.DrawRect(36 * u, 36 * u, w - (72 * u), h - (72 * u), border);
                    border.StrokeWidth = 4 * u;
                    canvas.DrawRect(60 * u, 60 * u, w - (120 * u), h - (120 * u), border);
                }

                break;
            case Templates.Alert:
                canvas.Clear(AlertRed);
                DrawHazardStripes(canvas, new SKRect(0, 0, w, 64 * u), u);
                DrawHazardStripes(canvas, new SKRect(0, h - (64 * u), w, h), u);
                DrawWarningSign(canvas, SKRect.Create(72 * u, (64 * u) + (72 * u) - (12 * u), 120 * u, 110 * u));
                break;
            case Templates.Internal:
                canvas.Clear(Paper);
                canvas.DrawRect(0, 0, 40 * u, h, primary);
                break;
            default:
                canvas.Clear(theme.Primary);
                canvas.DrawRect(0, 0, 24 * u, h, accent);
                canvas.DrawRect(frame.Label.Left, frame.Label.Bottom + (20 * u), 160 * u, 10 * u, accent);
                break;
        }
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

    /// <summary>
    /// Fills <paramref name="box"/> with the centre of the picture, decoded at the size the box needs (the
    /// geometry is the original's, so every copy crops alike). Skipped, undecoded, where the canvas is clipped away.
    /// </summary>
    static void DrawCovering(SKCanvas canvas, SlideImage image, SKRect box)
    {
        if (canvas.QuickReject(box))
        {
            return;
        }

        var pixels = image.Pixels(SlideImage.Scaled(image.Width, image.Height, box.Width, box.Height), "image");
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

    static void DrawContained(SKCanvas canvas, SlideImage image, SKRect box)
    {
        if (box.IsEmpty || canvas.QuickReject(box))
        {
            return;
        }

        var scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
        var target = SKRect.Create(box.Right - (image.Width * scale), box.Top, image.Width * scale, image.Height * scale);
        var pixels = image.Pixels(SlideImage.Scaled(image.Width, image.Height, box.Width, box.Height, cover: false), "logo");
        canvas.DrawImage(pixels, target, Sampling(pixels.Width, target.Width));
    }

    // Pictures arrive decoded at less than twice the size drawn (a scaled copy, or the codec's eighths), where
    // bilinear filtering is enough; mipmaps only for an original the codec cannot scale (PNG without copies).
    static SKSamplingOptions Sampling(float sourceWidth, float drawnWidth) =>
        sourceWidth >= 2 * drawnWidth ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear) : new SKSamplingOptions(SKFilterMode.Linear);

    static void DrawQr(SKCanvas canvas, string link, SKRect box)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var module = MathF.Floor(box.Width / count);
        var side = module * count;
        var x0 = box.Left + ((box.Width - side) / 2);
        var y0 = box.Top + ((box.Height - side) / 2);
        using var white = new SKPaint { Color = SKColors.White };
        using var black = new SKPaint { Color = SKColors.Black };
        canvas.DrawRect(x0, y0, side, side, white);
        for (var y = 0; y < count; y++)
        {
            for (var x = 0; x < count; x++)
            {
                if (modules[y][x])
                {
                    canvas.DrawRect(x0 + (x * module), y0 + (y * module), module, module, black);
                }
            }
        }
    }

    sealed record Run(string Text, SKTypeface Face);

    /// <summary>One line ready to draw: its runs, where, in which colour, and the box it covers.</summary>
    sealed record Line(string Text, IReadOnlyList<Run> Runs, float Size, float X, float Baseline, SKColor Color, SKRectI Bounds, bool Large);

    sealed record Bullet(float X, float Y, float Radius);

    sealed record Layout(List<Line> Lines, List<Bullet> Bullets, float BodySize);

    sealed record LabelLayout(Line Line, SKRect Pill, SKColor Fill);

    LabelLayout LabelBlock(string label, Frame frame, float minimumBody)
    {
        var size = Math.Max(minimumBody, frame.Label.Height * 0.5f);
        var runs = Runs(label, bold: true);
        var width = Width(runs, size);
        var padding = size * 0.6f;
        var pill = SKRect.Create(frame.Label.Left, frame.Label.Top, width + (2 * padding), size * 1.6f);
        if (pill.Right > frame.Label.Right + (frame.Label.Width * 0.5f))
        {
            throw new SlideRefusedException("category", "L'étiquette de catégorie ne tient pas à cette taille de texte.");
        }

        var baseline = pill.Top + (size * 1.12f);
        var x = pill.Left + padding;
        var bounds = RectI(x, baseline - size, width, size * 1.25f);
        return new LabelLayout(new Line(label, runs, size, x, baseline, frame.LabelText, bounds, false), pill, frame.LabelFill);
    }

    /// <summary>
    /// The largest sizes at which the title (1.5 × the body) and the body fit the text box, the
    /// body never below <paramref name="minimumBody"/>; words are never cut.
    /// </summary>
    Layout Fit(string title, string body, Frame frame, float minimumBody)
    {
        var start = Math.Max(minimumBody, frame.TextBox.Height / 13f);
        string? tooLong = null;
        for (var size = start; ; size = Math.Max(minimumBody, size * 0.94f))
        {
            var layout = TryLayout(title, body, frame, size, out tooLong);
            if (layout is not null)
            {
                return layout;
            }

            if (size <= minimumBody)
            {
                break;
            }
        }

        if (tooLong is not null)
        {
            throw new SlideRefusedException(tooLong == title ? "title" : "body",
                $"Le mot « {Snippet(tooLong)} » est plus large que l'écran à la plus petite taille lisible : coupez-le ou remplacez-le.");
        }

        throw new SlideRefusedException("body", string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"Le texte ne tient pas sur l'écran, même à la plus petite taille lisible ({minimumBody:0} px pour la distance de lecture des écrans) : raccourcissez-le ou répartissez-le sur plusieurs annonces."));
    }

    Layout? TryLayout(string title, string body, Frame frame, float bodySize, out string? tooLong)
    {
        tooLong = null;
        var titleSize = bodySize * 1.5f;
        var lines = new List<Line>();
        var bullets = new List<Bullet>();
        var y = frame.TextBox.Top;
        var box = frame.TextBox;

        foreach (var text in Wrap(title, titleSize, bold: true, box.Width, out tooLong) ?? [])
        {
            y += titleSize;
            lines.Add(Place(text, titleSize, bold: true, box.Left, box.Width, y, frame, large: true));
            y += titleSize * 0.22f;
        }

        if (tooLong is not null)
        {
            return null;
        }

        if (body.Length > 0)
        {
            y += bodySize * 0.6f;
            foreach (var paragraph in body.ReplaceLineEndings("\n").Split('\n'))
            {
                if (paragraph.Trim().Length == 0)
                {
                    y += bodySize * 0.5f;
                    continue;
                }

                var bullet = paragraph.TrimStart() is ['-' or '*' or '•', ' ', ..];
                var text = bullet ? paragraph.TrimStart()[2..].Trim() : paragraph.Trim();
                var indent = bullet ? bodySize * 1.1f : 0;
                var wrapped = Wrap(text, bodySize, bold: false, box.Width - indent, out tooLong);
                if (wrapped is null)
                {
                    return null;
                }

                for (var i = 0; i < wrapped.Count; i++)
                {
                    y += bodySize;
                    if (bullet && i == 0)
                    {
                        bullets.Add(new Bullet(box.Left + (bodySize * 0.35f), y - (bodySize * 0.33f), bodySize * 0.14f));
                    }

                    lines.Add(Place(wrapped[i], bodySize, bold: false, box.Left + indent, box.Width - indent, y, frame, large: false));
                    y += bodySize * 0.3f;
                }
            }
        }

        return y <= box.Bottom ? new Layout(lines, bullets, bodySize) : null;
    }

    Line Place(string text, float size, bool bold, float left, float width, float baseline, Frame frame, bool large)
    {
        var runs = Runs(text, bold);
        var lineWidth = Width(runs, size);
        var x = frame.Align == SKTextAlign.Center ? left + ((width - lineWidth) / 2) : left;
        var bounds = RectI(x, baseline - size, lineWidth, size * 1.25f);
        return new Line(text, runs, size, x, baseline, frame.Ink, bounds, large);
    }

    static SKRectI RectI(float x, float top, float width, float height) =>
        SKRectI.Round(SKRect.Create(x, top, Math.Max(1, width), height));

    /// <summary>Greedy wrap on ordinary spaces (no-break spaces hold "14 h 30" together); null when one word is wider than the line.</summary>
    List<string>? Wrap(string text, float size, bool bold, float maxWidth, out string? tooLong)
    {
        tooLong = null;
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Width(Runs(candidate, bold), size) <= maxWidth)
            {
                line = candidate;
                continue;
            }

            if (Width(Runs(word, bold), size) > maxWidth)
            {
                tooLong = word;
                return null;
            }

            lines.Add(line);
            line = word;
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// Splits text into runs by the first shipped face that has each character (spaces and marks
    /// stay with their run, so an Arabic phrase is shaped right to left as one run).
    /// </summary>
    static List<Run> Runs(string text, bool bold)
    {
        var chain = FontLibrary.Chain(bold);
        var runs = new List<Run>();
        var current = new StringBuilder();
        SKTypeface? face = null;
        var missing = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            var neutral = Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format;
            var chosen = neutral && face is not null ? face : chain.FirstOrDefault(f => f.ContainsGlyph(rune.Value));
            if (chosen is null)
            {
                missing.Add(rune.ToString());
                continue;
            }

            if (face is not null && chosen != face)
            {
                runs.Add(new Run(current.ToString(), face));
                current.Clear();
            }

            face = chosen;
            current.Append(rune.ToString());
        }

        if (missing.Count > 0)
        {
            throw new SlideRefusedException("body",
                $"Ces caractères ne peuvent pas être affichés sur les écrans : {string.Join(" ", missing.Distinct())}. Retirez-les (les émojis ne sont pas pris en charge).");
        }

        if (face is not null)
        {
            runs.Add(new Run(current.ToString(), face));
        }

        return runs;
    }

    float Width(IReadOnlyList<Run> runs, float size)
    {
        var width = 0f;
        foreach (var run in runs)
        {
            using var font = new SKFont(run.Face, size) { Subpixel = true };
            width += Shaper(run.Face).Shape(run.Text, font).Width;
        }

        return width;
    }

    void DrawLine(SKCanvas canvas, Line line)
    {
        using var paint = new SKPaint { Color = line.Color, IsAntialias = true };
        var x = line.X;
        foreach (var run in line.Runs)
        {
            using var font = new SKFont(run.Face, line.Size) { Subpixel = true };
            var shaper = Shaper(run.Face);
            canvas.DrawShapedText(shaper, run.Text, x, line.Baseline, SKTextAlign.Left, font, paint);
            x += shaper.Shape(run.Text, font).Width;
        }
    }

    // A shaper holds a HarfBuzz font that is not thread-safe: one per typeface per thread.
    SKShaper Shaper(SKTypeface typeface) =>
        shapers.GetOrAdd(typeface, t => new ThreadLocal<SKShaper>(() => new SKShaper(t))).Value!;
}
