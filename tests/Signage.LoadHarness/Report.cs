using System.Globalization;
using System.Text;

namespace Signage.LoadHarness;

/// <summary>The results as Markdown tables, for docs/PERFORMANCE.md.</summary>
internal sealed class Report(int warmRounds)
{
    readonly List<(Run Signage, Run Floor)> runs = [];

    public void Add(Run signage, Run floor) => runs.Add((signage, floor));

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, $"Receipt after the trigger, median of {warmRounds} warm rounds (ms); Signage: `POST /api/alerts` sent → `AlertRaised` received; floor: `POST /broadcast` sent → the same bytes received.");
        text.AppendLine();
        text.AppendLine("| players | Signage p50 | p99 | max | missing | floor p50 | p99 | max | missing | p50 ratio | p99 ratio | alert request |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (signage, floor) in runs)
        {
            Line(text, $"| {signage.Players:N0} | {signage.Median(r => r.P50):0.0} | {signage.Median(r => r.P99):0.0} | {signage.Median(r => r.Max):0.0} | {signage.Warm.Max(r => r.Missing)} | {floor.Median(r => r.P50):0.0} | {floor.Median(r => r.P99):0.0} | {floor.Median(r => r.Max):0.0} | {floor.Warm.Max(r => r.Missing)} | {signage.Median(r => r.P50) / floor.Median(r => r.P50):0.0}× | {signage.Median(r => r.P99) / floor.Median(r => r.P99):0.0}× | {signage.Median(r => r.RequestMs):0.0} |");
        }

        text.AppendLine();
        text.AppendLine("First alert after start-up against the warm rounds (Signage; floor first broadcast for comparison), ms:");
        text.AppendLine();
        text.AppendLine("| players | first p50 | first p99 | first max | first request | warm p99 range | floor first p99 |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (signage, floor) in runs)
        {
            Line(text, $"| {signage.Players:N0} | {signage.First.P50:0.0} | {signage.First.P99:0.0} | {signage.First.Max:0.0} | {signage.First.RequestMs:0.0} | {signage.Warm.Min(r => r.P99):0.0}–{signage.Warm.Max(r => r.P99):0.0} | {floor.First.P99:0.0} |");
        }

        text.AppendLine();
        text.AppendLine("Resident memory (VmRSS), MB, and per idle connection, KB:");
        text.AppendLine();
        text.AppendLine("| players | connected (failed) | connect time | Signage idle | with N idle players | per connection | after the alerts | floor idle | floor with N | floor per connection |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (signage, floor) in runs)
        {
            Line(text, $"| {signage.Players:N0} | {signage.Connected:N0} ({signage.ConnectFailures}, later {signage.LaterFailures}) | {signage.ConnectTime.TotalSeconds:0.0} s | {signage.RssIdleKb / 1024.0:0} | {signage.RssConnectedKb / 1024.0:0} | {signage.PerConnectionKb:0.0} | {signage.RssAfterKb / 1024.0:0} | {floor.RssIdleKb / 1024.0:0} | {floor.RssConnectedKb / 1024.0:0} | {floor.PerConnectionKb:0.0} |");
        }

        text.AppendLine();
        text.AppendLine("Every round (p50 / p99 / max ms, missing; round 0 is the first after start-up):");
        text.AppendLine();
        foreach (var (signage, floor) in runs)
        {
            Line(text, $"- {signage.Players:N0} Signage: {Rounds(signage)}");
            Line(text, $"- {floor.Players:N0} floor: {Rounds(floor)}");
        }

        return text.ToString();
    }

    static string Rounds(Run run) => string.Join("; ", run.Rounds.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.P50:0.0} / {r.P99:0.0} / {r.Max:0.0}{(r.Missing > 0 ? $", {r.Missing} missing" : "")}")));

    static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
