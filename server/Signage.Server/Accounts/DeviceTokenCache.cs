using System.Collections.Concurrent;
using System.Security.Claims;
using Signage.Core.Screens;

namespace Signage.Server.Accounts;

/// <summary>
/// The screens of the device tokens seen by this node (hashed token → the screen's claims, one principal shared by
/// its connections), so a fleet reconnecting after a restart costs one query per screen once, not per connection.
/// It is trusted only while <see cref="ScreenChangeListener"/> listens to <see cref="ScreenChanges.Channel"/>: a
/// revocation or a change of channels made anywhere evicts the screen's entry; without the listener every look-up
/// goes to the database. Unknown tokens are never kept.
/// </summary>
public sealed class DeviceTokenCache
{
    readonly ConcurrentDictionary<string, Entry> byHash = new(StringComparer.Ordinal);
    long generation;
    volatile bool trusted;

    public int Count => byHash.Count;

    public async Task<ClaimsPrincipal?> FindAsync(string token, Func<string, Task<ClaimsPrincipal?>> load)
    {
        var hash = DeviceToken.Hash(token);
        if (trusted && byHash.TryGetValue(hash, out var held))
        {
            return held.Principal;
        }

        var started = Interlocked.Read(ref generation);
        var loaded = await load(token);
        // An eviction while loading may concern what was just read: keep it only if none came.
        if (loaded is not null && trusted && Interlocked.Read(ref generation) == started)
        {
            byHash[hash] = new Entry(loaded.ScreenId(), loaded);
        }

        return loaded;
    }

    /// <summary>Forgets the screen's token: the next connection reads it from the database.</summary>
    public void Evict(Guid screenId)
    {
        Interlocked.Increment(ref generation);
        foreach (var (hash, entry) in byHash)
        {
            if (entry.ScreenId == screenId)
            {
                byHash.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Empties the cache and says whether changes are being heard (the cache may serve look-ups).</summary>
    public void Trust(bool listening)
    {
        Interlocked.Increment(ref generation);
        trusted = listening;
        byHash.Clear();
    }

    sealed record Entry(Guid ScreenId, ClaimsPrincipal Principal);
}
