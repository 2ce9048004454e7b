using System.Globalization;
using System.Text.RegularExpressions;

namespace Signage.Core.Accessibility;

/// <summary>
/// How long a slide must stay up to be read by a slow reader: 3 s to notice it, then half a second
/// per word, and never less than 8 s.
/// </summary>
public static partial class ReadingTime
{
    public const int FloorSeconds = 8;
    const double NoticeSeconds = 3;
    const double SecondsPerWord = 0.5;

    /// <summary>max(8, 3 + 0.5 s × words), rounded up to whole seconds.</summary>
    public static int MinimumSeconds(string text) => MinimumFor(CountWords(text));

    /// <summary>
    /// The requested duration, raised to the minimum when it is too short, with a French note for the
    /// publisher saying why. A duration already long enough is kept as it is and the note is null.
    /// </summary>
    public static (int Seconds, string? Note) Adjust(int requestedSeconds, string text)
    {
        var words = CountWords(text);
        var minimum = MinimumFor(words);
        if (requestedSeconds >= minimum)
        {
            return (requestedSeconds, null);
        }

        var reason = minimum == FloorSeconds
            ? $"un message reste affiché au moins {minimum}\u00A0s"
            : $"{words} mots demandent au moins {minimum}\u00A0s de lecture";
        return (minimum, $"Durée portée de {requestedSeconds}\u00A0s à {minimum}\u00A0s\u00A0: {reason}.");
    }

    /// <summary>
    /// Words are runs of letters and digits. An apostrophe splits, so « l’école » and « aujourd’hui » count
    /// as two words: the rule stays simple and errs towards more reading time. Digits joined by « , », « . »
    /// or « : » stay one word (« 3,5 », « 18:30 »). A link (with a scheme, « www. », a bare domain such as
    /// « mairie.fr/horaires ») or an e-mail address counts as one word.
    /// </summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = 0;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var core = token.AsSpan().Trim("«»“”\"'‘’()[]{}<>.,;:!?…");
            words += LinkPattern().IsMatch(core) ? 1 : CountRuns(core);
        }

        return words;
    }

    static int MinimumFor(int words) => Math.Max(FloorSeconds, (int)Math.Ceiling(NoticeSeconds + (SecondsPerWord * words)));

    static int CountRuns(ReadOnlySpan<char> token)
    {
        var runs = 0;
        var inWord = false;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var wordChar = char.IsLetterOrDigit(c)
                || (inWord && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                || (inWord && (c is ',' or '.' or ':') && char.IsDigit(token[i - 1]) && i + 1 < token.Length && char.IsDigit(token[i + 1]));
            if (wordChar && !inWord)
            {
                runs++;
            }

            inWord = wordChar;
        }

        return runs;
    }

    [GeneratedRegex(@"^(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|[^@\s]+@[^@\s]+\.\p{L}{2,}|(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:/\S*)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
