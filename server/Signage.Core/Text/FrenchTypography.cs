using System.Text;
using System.Text.RegularExpressions;

namespace Signage.Core.Text;

/// <summary>
/// French typography for text staff type on a plain keyboard: « guillemets », a narrow no-break
/// space before ; : ! ? and typographic apostrophes. Idempotent, so it can run on every save.
/// </summary>
public static partial class FrenchTypography
{
    const char Nbsp = '\u00A0';
    const char NarrowNbsp = '\u202F';

    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return BindHours(SpaceHighPunctuationAndCurlApostrophes(SpaceGuillemets(PairStraightQuotes(text))));
    }

    /// <summary>"14 h 30" and "9 h" stay on one line: the spaces around the hour sign become no-break spaces.</summary>
    static string BindHours(string text) =>
        text.Contains(" h", StringComparison.Ordinal) ? HourSpaces().Replace(text, m => m.Value.Replace(' ', '\u00A0')) : text;

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{1,2} h(?: \d{2})?(?![\p{L}\p{N}])")]
    private static partial Regex HourSpaces();

    /// <summary>
    /// Straight quotes become « and » in turn, line by line. A line whose quotes do not pair up
    /// (an odd count, or 55" for inches) keeps them as typed rather than get a wrong guess.
    /// </summary>
    static string PairStraightQuotes(string text)
    {
        if (!text.Contains('"', StringComparison.Ordinal))
        {
            return text;
        }

        var chars = text.ToCharArray();
        var lineStart = 0;
        for (var i = 0; i <= chars.Length; i++)
        {
            if (i == chars.Length || IsLineBreak(chars[i]))
            {
                PairQuotesOnLine(chars, lineStart, i);
                lineStart = i + 1;
            }
        }
        return new string(chars);
    }

    static void PairQuotesOnLine(char[] chars, int start, int end)
    {
        var quotes = new List<int>();
        for (var i = start; i < end; i++)
        {
            if (chars[i] == '"')
            {
                quotes.Add(i);
            }
        }
        if (quotes.Count % 2 != 0)
        {
            return;
        }

        for (var q = 0; q < quotes.Count; q++)
        {
            var i = quotes[q];
            // An opening quote does not follow a letter or digit; a closing one is not followed by one.
            var fits = q % 2 == 0
                ? i == start || !char.IsLetterOrDigit(chars[i - 1])
                : i + 1 == end || !char.IsLetterOrDigit(chars[i + 1]);
            if (!fits)
            {
                return;
            }
        }
        for (var q = 0; q < quotes.Count; q++)
        {
            chars[quotes[q]] = q % 2 == 0 ? '«' : '»';
        }
    }

    /// <summary>Exactly one no-break space inside « and », whatever spacing was typed.</summary>
    static string SpaceGuillemets(string text)
    {
        if (text.IndexOfAny(['«', '»']) < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '«')
            {
                result.Append(c);
                var next = i + 1;
                while (next < text.Length && IsHorizontalSpace(text[next]))
                {
                    next++;
                }
                i = next - 1;
                if (next < text.Length && !IsLineBreak(text[next]))
                {
                    result.Append(Nbsp);
                }
            }
            else if (c == '»')
            {
                TrimHorizontalSpace(result);
                if (result.Length > 0 && !IsLineBreak(result[^1]))
                {
                    result.Append(Nbsp);
                }
                result.Append(c);
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    static string SpaceHighPunctuationAndCurlApostrophes(string text)
    {
        if (text.IndexOfAny([';', ':', '!', '?', '\'']) < 0)
        {
            return text;
        }

        var inUrl = UrlMask(text);
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inUrl[i])
            {
                result.Append(c);
            }
            else if (c == '\'')
            {
                var betweenLetters = i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);
                result.Append(betweenLetters ? '’' : c);
            }
            else if (IsHighPunctuation(c))
            {
                // "?!" or "!!!" is one group: one space before it, none inside.
                var end = i + 1;
                while (end < text.Length && IsHighPunctuation(text[end]) && !inUrl[end])
                {
                    end++;
                }
                var timeOrRatio = c == ':' && end == i + 1 && i > 0 && end < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[end]);
                if (!timeOrRatio)
                {
                    SpaceBeforePunctuation(result);
                }
                result.Append(text, i, end - i);
                i = end - 1;
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    static void SpaceBeforePunctuation(StringBuilder result)
    {
        var typedLength = result.Length;
        TrimHorizontalSpace(result);
        if (result.Length == 0 || IsLineBreak(result[^1]))
        {
            // Punctuation opening a line: keep whatever indentation was typed.
            result.Length = typedLength;
            return;
        }
        var previous = result[^1];
        if (result.Length < typedLength || char.IsLetterOrDigit(previous) || previous == '»')
        {
            result.Append(NarrowNbsp);
        }
    }

    static bool[] UrlMask(string text)
    {
        var mask = new bool[text.Length];
        foreach (Match url in Url().Matches(text))
        {
            // As linkifiers do, punctuation ending a URL ends the sentence: "Voir https://mairie.fr !".
            var length = url.Value.TrimEnd('.', ',', ';', ':', '!', '?').Length;
            Array.Fill(mask, true, url.Index, length);
        }
        return mask;
    }

    static void TrimHorizontalSpace(StringBuilder result)
    {
        var end = result.Length;
        while (end > 0 && IsHorizontalSpace(result[end - 1]))
        {
            end--;
        }
        result.Length = end;
    }

    static bool IsHighPunctuation(char c) => c is ';' or ':' or '!' or '?';

    static bool IsHorizontalSpace(char c) => c is ' ' or Nbsp or NarrowNbsp or '\u2009';

    static bool IsLineBreak(char c) => c is '\n' or '\r';

    [GeneratedRegex(@"\b(?:[a-z][a-z0-9+.\-]*://|mailto:|www\.)[^\s""«»<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
