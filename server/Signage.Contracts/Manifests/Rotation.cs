namespace Signage.Contracts.Manifests;

/// <summary>What a screen shows at one instant, and what comes next.</summary>
/// <param name="Current">The item on screen.</param>
/// <param name="StartedAt">When <paramref name="Current"/> came on screen in this cycle.</param>
/// <param name="NextAt">When the next item replaces it.</param>
/// <param name="Next">The next item, to pre-load; the same item when it is alone.</param>
public sealed record RotationSlot(ManifestItem Current, DateTimeOffset StartedAt, DateTimeOffset NextAt, ManifestItem Next);

/// <summary>
/// The rotation: a pure function of a manifest and an instant. The cycle is aligned on the Unix
/// epoch, so every screen holding the same manifest shows the same item at the same moment
/// without talking to the others, and a player without network keeps the right order.
/// </summary>
public static class Rotation
{
    /// <summary>The slot on screen at <paramref name="instant"/>, or null when nothing is to be shown.</summary>
    public static RotationSlot? At(ManifestBody body, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(body);
        var items = body.Items;
        if (items.Count == 0)
        {
            return null;
        }

        long cycleMs = 0;
        foreach (var item in items)
        {
            cycleMs += DurationMs(item);
        }

        var epochMs = instant.ToUnixTimeMilliseconds();
        var cycleStartMs = epochMs - Modulo(epochMs, cycleMs);
        var offset = epochMs - cycleStartMs;
        for (var i = 0; i < items.Count; i++)
        {
            var duration = DurationMs(items[i]);
            if (offset < duration)
            {
                var startMs = epochMs - offset;
                return new RotationSlot(
                    items[i],
                    DateTimeOffset.FromUnixTimeMilliseconds(startMs),
                    DateTimeOffset.FromUnixTimeMilliseconds(startMs + duration),
                    items[(i + 1) % items.Count]);
            }

            offset -= duration;
        }

        throw new InvalidOperationException("Unreachable: the offset is always inside the cycle.");
    }

    static long DurationMs(ManifestItem item) => Math.Max(1, item.DurationSeconds) * 1000L;

    static long Modulo(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
