using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Signage.Core.Rendering;

/// <summary>A stretch of text drawn in one face.</summary>
internal sealed record TextRun(string Text, SKTypeface Face);

/// <summary>One line ready to draw: its runs, where, in which colour, and the box it covers.</summary>
internal sealed record TextLine(string Text, IReadOnlyList<TextRun> Runs, float Size, float X, float Baseline, SKColor Color, SKRectI Bounds, bool Large);

/// <summary>
/// Measures and draws text shaped by HarfBuzz in the shipped fonts (<see cref="FontLibrary"/>), so a line is as wide
/// when measured as when drawn, on every host. Thread-safe.
/// </summary>
internal sealed class TextShaper
{
    readonly ConcurrentDictionary<SKTypeface, ThreadLocal<SKShaper>> shapers = new();

    /// <summary>
    /// Splits text into runs by the first shipped face that has each character (spaces and marks
    /// stay with their run, so an Arabic phrase is shaped right to left as one run).
    /// </summary>
    /// <exception cref="SlideRefusedException">No shipped face has some character.</exception>
    public static List<TextRun> Runs(string text, bool bold)
    {
        var chain = FontLibrary.Chain(bold);
        var runs = new List<TextRun>();
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
                runs.Add(new TextRun(current.ToString(), face));
                current.Clear();
            }

            face = chosen;
            current.Append(rune.ToString());
        }

        if (missing.Count > 0)
        {
            throw SlideChecks.MissingGlyphs(missing);
        }

        if (face is not null)
        {
            runs.Add(new TextRun(current.ToString(), face));
        }

        return runs;
    }

    public float Width(IReadOnlyList<TextRun> runs, float size)
    {
        var width = 0f;
        foreach (var run in runs)
        {
            using var font = new SKFont(run.Face, size) { Subpixel = true };
            width += Shaper(run.Face).Shape(run.Text, font).Width;
        }

        return width;
    }

    public void Draw(SKCanvas canvas, TextLine line)
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
