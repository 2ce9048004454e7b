using System.Globalization;
using System.Text;

namespace Signage.LoadHarness;

/// <summary>The results as Markdown tables, for docs/PERFORMANCE.md.</summary>
internal sealed class Report(int warmRounds)
{
    readonly List<(Run Signage, Run? Floor)> runs = [];

    public void Add(Run signage, Run? floor) => runs.Add((signage, floor));

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var single = runs.Where(r => r.Floor is not null).Select(r => (r.Signage, Floor: r.Floor!)).ToList();
        var several = runs.Where(r => r.Floor is null).Select(r => r.Signage).ToList();
        if (single.Count > 0)
        {
            Single(text, single);
        }

        if (several.Count > 0)
        {
            Several(text, several);
        }

        text.AppendLine();
        text.AppendLine("Every round (p50 / p99 / max ms, missing; round 0 is the first after start-up):");
        text.AppendLine();
        foreach (var (signage, floor) in runs)
        {
            Line(text, $"- {signage.Players:N0} Signage ({signage.Nodes} node(s), load {signage.Load}): {Rounds(signage)}");
            if (floor is not null)
            {
                Line(text, $"- {floor.Players:N0} floor: {Rounds(floor)}");
            }
        }

        return text.ToString();
    }

    void Single(StringBuilder text, List<(Run Signage, Run Floor)> runs)
    {
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
        Confirmations(text, runs.Select(r => r.Signage));
        text.AppendLine();
        text.AppendLine("Connections (a cold token cache: as after a restart) and resident memory (VmRSS), MB, and per idle connection, KB:");
        text.AppendLine();
        text.AppendLine("| players | connected (failed) | connect time | server CPU per connection | Signage idle | with N idle players | per connection | after the alerts | floor idle | floor with N | floor per connection | load average |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (signage, floor) in runs)
        {
            Line(text, $"| {signage.Players:N0} | {signage.Connected:N0} ({signage.ConnectFailures}, later {signage.LaterFailures}) | {signage.ConnectTime.TotalSeconds:0.0} s | {signage.CpuMsPerConnection:0.00} ms | {signage.RssIdleKb / 1024.0:0} | {signage.RssConnectedKb / 1024.0:0} | {signage.PerConnectionKb:0.0} | {signage.RssAfterKb / 1024.0:0} | {floor.RssIdleKb / 1024.0:0} | {floor.RssConnectedKb / 1024.0:0} | {floor.PerConnectionKb:0.0} | {signage.Load} |");
        }
    }

    void Several(StringBuilder text, List<Run> runs)
    {
        text.AppendLine();
        Line(text, $"Two nodes sharing Redis, alert raised on node A; receipt after the trigger per node, median of {warmRounds} warm rounds (ms):");
        text.AppendLine();
        text.AppendLine("| players | nodes | A p50 | A p99 | A max | A missing | B p50 | B p99 | B max | B missing | alert request | confirmed (of N) | counted after last confirmation | connect time | CPU per connection | load average |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in runs)
        {
            Line(text, $"| {run.Players:N0} | {run.Nodes} | {run.Median(r => r.PerNode[0].P50):0.0} | {run.Median(r => r.PerNode[0].P99):0.0} | {run.Median(r => r.PerNode[0].Max):0.0} | {run.Warm.Max(r => r.PerNode[0].Missing)} | {run.Median(r => r.PerNode[1].P50):0.0} | {run.Median(r => r.PerNode[1].P99):0.0} | {run.Median(r => r.PerNode[1].Max):0.0} | {run.Warm.Max(r => r.PerNode[1].Missing)} | {run.Median(r => r.RequestMs):0.0} | {run.Warm.Min(r => r.Confirmed):N0} | {run.Median(r => r.ConfirmedAfterMs):0} ms | {run.ConnectTime.TotalSeconds:0.0} s | {run.CpuMsPerConnection:0.00} ms | {run.Load} |");
        }
    }

    void Confirmations(StringBuilder text, IEnumerable<Run> runs)
    {
        Line(text, $"Confirmations: every player sends `AckAlert` on receipt; the harness polls `GET /api/alerts/{{id}}` every 50 ms; time from the last confirmation sent to the answer counting N, median of {warmRounds} warm rounds (range):");
        text.AppendLine();
        text.AppendLine("| players | confirmed (fewest in a round) | counted after the last confirmation | range |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            Line(text, $"| {run.Players:N0} | {run.Warm.Min(r => r.Confirmed):N0} | {run.Median(r => r.ConfirmedAfterMs):0} ms | {run.Warm.Min(r => r.ConfirmedAfterMs):0}–{run.Warm.Max(r => r.ConfirmedAfterMs):0} ms |");
        }
    }

    static string Rounds(Run run) => string.Join("; ", run.Rounds.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"{r.P50:0.0} / {r.P99:0.0} / {r.Max:0.0}{(r.Missing > 0 ? $", {r.Missing} missing" : "")}")));

    static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
