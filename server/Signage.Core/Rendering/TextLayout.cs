using SkiaSharp;

namespace Signage.Core.Rendering;

internal sealed record TextBullet(float X, float Y, float Radius);

/// <summary>The title and body placed in a text box, at <see cref="BodySize"/> (the title 1.5 times that).</summary>
internal sealed record TextBlock(List<TextLine> Lines, List<TextBullet> Bullets, float BodySize);

/// <summary>The category label: its line and the pill drawn behind it.</summary>
internal sealed record CategoryLabel(TextLine Line, SKRect Pill, SKColor Fill);

/// <summary>
/// Places text in a template's frame: greedy wrapping on ordinary spaces, title and body shrunk together from a size
/// that fills the box down to the minimum readable size. Words are never cut, and nothing here refuses a slide:
/// <see cref="SlideChecks"/> decides what does not fit.
/// </summary>
internal sealed class TextLayout
{
    public TextShaper Shaper { get; } = new();

    /// <summary>
    /// The largest sizes at which the title (1.5 × the body) and the body fit the text box, the body never below
    /// <paramref name="minimumBody"/>; null when none does, with <paramref name="tooWide"/> the word wider than a line
    /// at the smallest size tried, if one was.
    /// </summary>
    public TextBlock? Fit(string title, string body, SlideFrame frame, float minimumBody, out string? tooWide)
    {
        var start = Math.Max(minimumBody, frame.TextBox.Height / 13f);
        for (var size = start; ; size = Math.Max(minimumBody, size * 0.94f))
        {
            var block = TryLayout(title, body, frame, size, out tooWide);
            if (block is not null)
            {
                return block;
            }

            if (size <= minimumBody)
            {
                return null;
            }
        }
    }

    /// <summary>The label at least at the minimum size, in a pill; null when the pill would run far past its box.</summary>
    public CategoryLabel? Label(string label, SlideFrame frame, float minimumBody)
    {
        var size = Math.Max(minimumBody, frame.Label.Height * 0.5f);
        var runs = TextShaper.Runs(label, bold: true);
        var width = Shaper.Width(runs, size);
        var padding = size * 0.6f;
        var pill = SKRect.Create(frame.Label.Left, frame.Label.Top, width + (2 * padding), size * 1.6f);
        if (pill.Right > frame.Label.Right + (frame.Label.Width * 0.5f))
        {
            return null;
        }

        var baseline = pill.Top + (size * 1.12f);
        var x = pill.Left + padding;
        var bounds = RectI(x, baseline - size, width, size * 1.25f);
        return new CategoryLabel(new TextLine(label, runs, size, x, baseline, frame.LabelText, bounds, false), pill, frame.LabelFill);
    }

    TextBlock? TryLayout(string title, string body, SlideFrame frame, float bodySize, out string? tooWide)
    {
        tooWide = null;
        var titleSize = bodySize * 1.5f;
        var lines = new List<TextLine>();
        var bullets = new List<TextBullet>();
        var y = frame.TextBox.Top;
        var box = frame.TextBox;

        foreach (var text in Wrap(title, titleSize, bold: true, box.Width, out tooWide) ?? [])
        {
            y += titleSize;
            lines.Add(Place(text, titleSize, bold: true, box.Left, box.Width, y, frame, large: true));
            y += titleSize * 0.22f;
        }

        if (tooWide is not null)
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
                var wrapped = Wrap(text, bodySize, bold: false, box.Width - indent, out tooWide);
                if (wrapped is null)
                {
                    return null;
                }

                for (var i = 0; i < wrapped.Count; i++)
                {
                    y += bodySize;
                    if (bullet && i == 0)
                    {
                        bullets.Add(new TextBullet(box.Left + (bodySize * 0.35f), y - (bodySize * 0.33f), bodySize * 0.14f));
                    }

                    lines.Add(Place(wrapped[i], bodySize, bold: false, box.Left + indent, box.Width - indent, y, frame, large: false));
                    y += bodySize * 0.3f;
                }
            }
        }

        return y <= box.Bottom ? new TextBlock(lines, bullets, bodySize) : null;
    }

    TextLine Place(string text, float size, bool bold, float left, float width, float baseline, SlideFrame frame, bool large)
    {
        var runs = TextShaper.Runs(text, bold);
        var lineWidth = Shaper.Width(runs, size);
        var x = frame.Align == SKTextAlign.Center ? left + ((width - lineWidth) / 2) : left;
        var bounds = RectI(x, baseline - size, lineWidth, size * 1.25f);
        return new TextLine(text, runs, size, x, baseline, frame.TextColor, bounds, large);
    }

    static SKRectI RectI(float x, float top, float width, float height) =>
        SKRectI.Round(SKRect.Create(x, top, Math.Max(1, width), height));

    /// <summary>Greedy wrap on ordinary spaces (no-break spaces hold "14 h 30" together); null when one word is wider than the line.</summary>
    List<string>? Wrap(string text, float size, bool bold, float maxWidth, out string? tooWide)
    {
        tooWide = null;
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Shaper.Width(TextShaper.Runs(candidate, bold), size) <= maxWidth)
            {
                line = candidate;
                continue;
            }

            if (Shaper.Width(TextShaper.Runs(word, bold), size) > maxWidth)
            {
                tooWide = word;
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

}
