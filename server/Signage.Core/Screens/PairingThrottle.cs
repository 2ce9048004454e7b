using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Signage.Core.Screens;

/// <summary>
/// Failed claims per person and per address over a sliding window, so a code (25^6 possibilities) cannot be found
/// by trying: past the limit every claim from that person or address is refused until old failures leave the window.
/// Per node, in memory: a restart forgives, which the window length makes harmless.
/// </summary>
public sealed class PairingThrottle(IOptions<PairingOptions> options, TimeProvider clock)
{
    readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    public bool Allows(IEnumerable<string> keys)
    {
        var now = clock.GetUtcNow();
        return keys.All(k => Count(k, now) < options.Value.MaxFailedClaims);
    }

    public void Failed(IEnumerable<string> keys)
    {
        var now = clock.GetUtcNow();
        foreach (var key in keys)
        {
            var times = failures.GetOrAdd(key, _ => new());
            lock (times)
            {
                times.Enqueue(now);
            }
        }
    }

    int Count(string key, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var times))
        {
            return 0;
        }

        lock (times)
        {
            while (times.TryPeek(out var oldest) && oldest <= now - options.Value.FailureWindow)
            {
                times.Dequeue();
            }

            return times.Count;
        }
    }
}
