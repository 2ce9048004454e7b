using System.Collections.Concurrent;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Signage.Core.Rendering;

public sealed record AnnouncementSlide(string Title, string Body);

public readonly record struct RenderSize(int Width, int Height);

/// <summary>The slide cannot be drawn readably: text does not fit even at the smallest readable size.</summary>
public sealed class SlideRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Draws announcements with SkiaSharp and HarfBuzz shaping, using the fonts shipped in the
/// assembly so output does not depend on the host. Same input, same bytes.
/// </summary>
public sealed class AnnouncementRenderer
{
    public static readonly RenderSize FullHd = new(1920, 1080);

    static readonly SKColor Background = new(0x0B, 0x2E, 0x4F);
    static readonly SKColor Accent = new(0xF2, 0xB1, 0x34);
    static readonly SKColor Text = SKColors.White;

    readonly SKTypeface regular = FontLibrary.Regular;
    readonly SKTypeface bold = FontLibrary.Bold;
    readonly ConcurrentDictionary<SKTypeface, ThreadLocal<SKShaper>> shapers = new();

    public byte[] RenderPng(AnnouncementSlide slide, RenderSize size)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            Draw(canvas, slide, size);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    /// <summary>Why the slide cannot be drawn readably, or null when it can: checked before anything is saved.</summary>
    public SlideRefusedException? Refusal(AnnouncementSlide slide, RenderSize size)
    {
        using var surface = SKSurface.CreateNull(size.Width, size.Height);
        try
        {
            Draw(surface.Canvas, slide, size);
            return null;
        }
        catch (SlideRefusedException e)
        {
            return e;
        }
    }

    void Draw(SKCanvas canvas, AnnouncementSlide slide, RenderSize size)
    {
        canvas.Clear(Background);
        var unit = Math.Min(size.Width, size.Height) / 1080f;
        var margin = 96 * unit;
        var maxWidth = size.Width - (2 * margin);

        using var accent = new SKPaint { Color = Accent, IsAntialias = true };
        canvas.DrawRect(margin, margin, 160 * unit, 14 * unit, accent);

        using var paint = new SKPaint { Color = Text, IsAntialias = true };
        var top = margin + (60 * unit);
        var bottom = size.Height - margin;

        var title = Fit(bold, slide.Title, maxWidth, (bottom - top) * 0.5f, 96 * unit, 56 * unit, "title");
        top = DrawLines(canvas, title, margin, top, paint);

        if (!string.IsNullOrWhiteSpace(slide.Body))
        {
            top += 40 * unit;
            var body = Fit(regular, slide.Body, maxWidth, bottom - top, 60 * unit, 40 * unit, "body");
            DrawLines(canvas, body, margin, top, paint);
        }
    }

    float DrawLines(SKCanvas canvas, FittedText text, float x, float top, SKPaint paint)
    {
        var shaper = Shaper(text.Font.Typeface);
        var baseline = top - text.Font.Metrics.Ascent;
        foreach (var line in text.Lines)
        {
            canvas.DrawShapedText(shaper, line, x, baseline, SKTextAlign.Left, text.Font, paint);
            baseline += text.LineHeight;
        }

        text.Font.Dispose();
        return top + (text.Lines.Count * text.LineHeight);
    }

    sealed record FittedText(SKFont Font, List<string> Lines, float LineHeight);

    /// <summary>The largest size from <paramref name="start"/> down to <paramref name="minimum"/> at which the text fits its box.</summary>
    FittedText Fit(SKTypeface typeface, string text, float maxWidth, float maxHeight, float start, float minimum, string field)
    {
        for (var size = start; size >= minimum; size -= 2)
        {
            var font = new SKFont(typeface, size) { Subpixel = true };
            var lineHeight = size * 1.25f;
            var lines = Wrap(font, text, maxWidth);
            if (lines is not null && lines.Count * lineHeight <= maxHeight)
            {
                return new FittedText(font, lines, lineHeight);
            }

            font.Dispose();
        }

        var what = field == "title" ? "Le titre" : "Le texte";
        throw new SlideRefusedException(field, $"{what} ne tient pas sur l'écran, même à la plus petite taille lisible : raccourcissez-le ou coupez les mots très longs.");
    }

    /// <summary>Greedy word wrap; null when a single word is wider than the line, since words are never cut.</summary>
    List<string>? Wrap(SKFont font, string text, float maxWidth)
    {
        var shaper = Shaper(font.Typeface);
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (shaper.Shape(candidate, font).Width <= maxWidth)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length == 0)
                {
                    return null;
                }

                lines.Add(line);
                line = word;
                if (shaper.Shape(line, font).Width > maxWidth)
                {
                    return null;
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    // A shaper holds a HarfBuzz font that is not thread-safe: one per typeface per thread.
    SKShaper Shaper(SKTypeface typeface) =>
        shapers.GetOrAdd(typeface, t => new ThreadLocal<SKShaper>(() => new SKShaper(t))).Value!;
}
