using System.Text.RegularExpressions;

namespace Signage.Admin.Accounts;

/// <summary>A session's browser as an Administrator recognises it ("Firefox 133 sous Windows"), from its User-Agent.</summary>
public static class BrowserName
{
    static readonly (string Token, string Name)[] Products =
        [("Edg", "Edge"), ("OPR", "Opera"), ("Firefox", "Firefox"), ("HeadlessChrome", "Chrome sans interface"), ("Chrome", "Chrome"), ("Version", "Safari")];

    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "inconnu";
        }

        // Edge and Opera also say Chrome, and Chrome also says Safari: the most specific token first.
        var browser = Products.Select(p => (p.Name, Match: Regex.Match(userAgent, $@"\b{p.Token}/(\d+)", RegexOptions.None, TimeSpan.FromSeconds(1))))
            .Where(p => p.Match.Success).Select(p => $"{p.Name} {p.Match.Groups[1].Value}").FirstOrDefault();
        var system = userAgent switch
        {
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("CrOS", StringComparison.Ordinal) => "ChromeOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return (browser, system) switch
        {
            (null, _) => userAgent,
            (_, null) => browser,
            _ => $"{browser} sous {system}",
        };
    }
}
