using System.Runtime.CompilerServices;

namespace Signage.Contracts.Manifests;

/// <summary>What a screen shows at one instant, and what comes next.</summary>
/// <param name="Current">The item on screen.</param>
/// <param name="StartedAt">When <paramref name="Current"/> came on screen: its slot's start, or the last change of the active items if later.</param>
/// <param name="NextAt">When the screen changes next: the end of the slot or the next window edge, whichever is first.</param>
/// <param name="Next">What shows from <paramref name="NextAt"/>, to pre-load; null when nothing will be active then.</param>
public sealed record RotationSlot(ManifestItem Current, DateTimeOffset StartedAt, DateTimeOffset NextAt, ManifestItem? Next);

/// <summary>A stretch of time during which the same items rotate on a screen, for timelines.</summary>
/// <param name="Start">When the period starts.</param>
/// <param name="End">When it ends (exclusive).</param>
/// <param name="Rotating">The items sharing the screen, in manifest order; empty when nothing plays.</param>
public sealed record RotationPeriod(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<ManifestItem> Rotating);

/// <summary>
/// The rotation: a pure function of a manifest and an instant, used by the player, the server's
/// preview and the tests. Among the items whose window is open at that instant, only the highest
/// tier plays; its items share a cycle in which each gets as many slots as its weight, spread
/// evenly. The cycle is aligned on the Unix epoch, so every screen holding the same manifest shows
/// the same item at the same moment without talking to the others, and a player without network
/// keeps the right content at the right hours.
/// </summary>
public static class Rotation
{
    /// <summary>Largest weight honoured; higher weights count as this.</summary>
    public const int MaxWeight = 100;

    static readonly ConditionalWeakTable<ManifestBody, Plans> Cache = [];

    /// <summary>The slot on screen at <paramref name="instant"/>, or null when no item is active.</summary>
    public static RotationSlot? At(ManifestBody body, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(body);
        var plans = Cache.GetValue(body, b => new Plans(b));
        var segment = plans.SegmentAt(instant);
        if (plans.Playing(segment, instant) is not { } playing)
        {
            return null;
        }

        var nextAt = segment.End < playing.SlotEnd ? segment.End : playing.SlotEnd;
        var startedAt = segment.Start > playing.SlotStart ? segment.Start : playing.SlotStart;
        return new RotationSlot(playing.Item, startedAt, nextAt, plans.Playing(plans.SegmentAt(nextAt), nextAt)?.Item);
    }

    /// <summary>
    /// The periods between <paramref name="from"/> and <paramref name="to"/>: a new one starts at each
    /// window edge that changes which items rotate.
    /// </summary>
    public static IReadOnlyList<RotationPeriod> Periods(ManifestBody body, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(body);
        var plans = Cache.GetValue(body, b => new Plans(b));
        var periods = new List<RotationPeriod>();
        var start = from;
        while (start < to)
        {
            var end = plans.NextChange(start) is { } change && change < to ? change : to;
            var rotating = plans.Rotating(start);
            if (periods.Count > 0 && periods[^1].Rotating.SequenceEqual(rotating))
            {
                periods[^1] = periods[^1] with { End = end };
            }
            else
            {
                periods.Add(new RotationPeriod(start, end, rotating));
            }

            start = end;
        }

        return periods;
    }

    /// <summary>True when <paramref name="item"/>'s window is open at <paramref name="instant"/> on a screen in <paramref name="zone"/>.</summary>
    public static bool IsActive(ManifestItem item, DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Windows.IsOpen(item.Window, instant, zone);
    }

    readonly record struct Playing(ManifestItem Item, DateTimeOffset SlotStart, DateTimeOffset SlotEnd);

    /// <summary>Per-manifest cache of the time zone and of the cycle of each set of active items.</summary>
    sealed class Plans(ManifestBody body)
    {
        readonly TimeZoneInfo zone = TimeZones.Find(body.Screen.TimeZone);
        readonly IReadOnlyList<ManifestItem> items = body.Items;
        readonly bool anyWindow = body.Items.Any(i => i.Window is not null);
        readonly Dictionary<string, Cycle> cycles = [];
        readonly Segment?[] segments = new Segment?[4];
        readonly Lock gate = new();
        int nextSlot;
        Cycle? always;

        /// <summary>
        /// The stretch around <paramref name="instant"/> in which no window opens or closes, with its cycle.
        /// The last few are kept, so a player asking every half second pays for the window arithmetic
        /// once per stretch, not per call.
        /// </summary>
        public Segment SegmentAt(DateTimeOffset instant)
        {
            lock (gate)
            {
                foreach (var cached in segments)
                {
                    if (cached is not null && cached.Start <= instant && instant < cached.End)
                    {
                        return cached;
                    }
                }
            }

            var segment = anyWindow
                ? new Segment(LastChange(instant) ?? DateTimeOffset.MinValue, NextChange(instant) ?? DateTimeOffset.MaxValue, CycleAt(instant))
                : new Segment(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CycleAt(instant));
            lock (gate)
            {
                segments[nextSlot] = segment;
                nextSlot = (nextSlot + 1) % segments.Length;
            }

            return segment;
        }

        public Playing? Playing(Segment segment, DateTimeOffset instant)
        {
            var cycle = segment.Cycle;
            if (cycle is null)
            {
                return null;
            }

            var epochMs = instant.ToUnixTimeMilliseconds();
            var offset = Modulo(epochMs, cycle.LengthMs);
            var slot = cycle.SlotAt(offset);
            var start = epochMs - offset + cycle.Starts[slot];
            var item = items[cycle.Sequence[slot]];
            return new Playing(
                item,
                DateTimeOffset.FromUnixTimeMilliseconds(start),
                DateTimeOffset.FromUnixTimeMilliseconds(start + DurationMs(item)));
        }

        public IReadOnlyList<ManifestItem> Rotating(DateTimeOffset instant) =>
            [.. TopTier(i => Windows.IsOpen(items[i].Window, instant, zone)).Select(i => items[i])];

        public DateTimeOffset? NextChange(DateTimeOffset instant)
        {
            DateTimeOffset? next = null;
            foreach (var item in items)
            {
                if (Windows.NextEdge(item.Window, instant, zone) is { } edge && (next is null || edge < next))
                {
                    next = edge;
                }
            }

            return next;
        }

        public DateTimeOffset? LastChange(DateTimeOffset instant)
        {
            DateTimeOffset? last = null;
            foreach (var item in items)
            {
                if (Windows.LastEdge(item.Window, instant, zone) is { } edge && (last is null || edge > last))
                {
                    last = edge;
                }
            }

            return last;
        }

        Cycle? CycleAt(DateTimeOffset instant)
        {
            if (items.Count == 0)
            {
                return null;
            }

            if (!anyWindow)
            {
                lock (gate)
                {
                    return always ??= Build(TopTier(i => true));
                }
            }

            var candidates = TopTier(i => Windows.IsOpen(items[i].Window, instant, zone));
            if (candidates.Count == 0)
            {
                return null;
            }

            var key = string.Join(',', candidates);
            lock (gate)
            {
                if (!cycles.TryGetValue(key, out var cycle))
                {
                    cycle = Build(candidates);
                    cycles[key] = cycle;
                }

                return cycle;
            }
        }

        List<int> TopTier(Func<int, bool> active)
        {
            var result = new List<int>();
            var top = Tier.Default;
            for (var i = 0; i < items.Count; i++)
            {
                if (!active(i))
                {
                    continue;
                }

                if (result.Count == 0 || items[i].Tier > top)
                {
                    result.Clear();
                    top = items[i].Tier;
                }

                if (items[i].Tier == top)
                {
                    result.Add(i);
                }
            }

            return result;
        }

        /// <summary>Smooth weighted round-robin: each item gets its weight in slots, spread as evenly as possible.</summary>
        Cycle Build(List<int> candidates)
        {
            var weights = candidates.Select(i => Math.Clamp(items[i].Weight, 1, MaxWeight)).ToArray();
            var total = weights.Sum();
            var credit = new int[weights.Length];
            var sequence = new int[total];
            var starts = new long[total];
            long length = 0;
            for (var slot = 0; slot < total; slot++)
            {
                var best = 0;
                for (var k = 0; k < weights.Length; k++)
                {
                    credit[k] += weights[k];
                    if (credit[k] > credit[best])
                    {
                        best = k;
                    }
                }

                credit[best] -= total;
                sequence[slot] = candidates[best];
                starts[slot] = length;
                length += DurationMs(items[candidates[best]]);
            }

            return new Cycle(sequence, starts, length);
        }
    }

    sealed record Segment(DateTimeOffset Start, DateTimeOffset End, Cycle? Cycle);

    sealed record Cycle(int[] Sequence, long[] Starts, long LengthMs)
    {
        public int SlotAt(long offset)
        {
            var index = Array.BinarySearch(Starts, offset);
            return index >= 0 ? index : ~index - 1;
        }
    }

    static long DurationMs(ManifestItem item) => Math.Max(1, item.DurationSeconds) * 1000L;

    static long Modulo(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}

/// <summary>The ticker band: which line shows at an instant.</summary>
public static class Ticker
{
    /// <summary>Seconds each line stays, long enough to read a short line.</summary>
    public const int SecondsPerLine = 8;

    /// <summary>The line shown at <paramref name="instant"/>, epoch-aligned like the rotation, or null when none is active.</summary>
    public static TickerLine? At(ManifestBody body, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Ticker is not { Count: > 0 } lines)
        {
            return null;
        }

        var zone = TimeZones.Find(body.Screen.TimeZone);
        var active = lines.Where(l => Windows.IsOpen(l.Window, instant, zone)).ToList();
        if (active.Count == 0)
        {
            return null;
        }

        var slot = instant.ToUnixTimeSeconds() / SecondsPerLine;
        return active[(int)(slot % active.Count)];
    }
}
