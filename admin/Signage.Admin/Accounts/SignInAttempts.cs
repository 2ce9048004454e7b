using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Signage.Core.Accounts;
using Signage.Core.Writes;

namespace Signage.Admin.Accounts;

/// <summary>Sign-in limits; bound from the section "Signage:SignIn".</summary>
public sealed class SignInLimits
{
    /// <summary>Wrong passwords allowed for one account from one address before each new try waits.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxWait"/>.</summary>
    public TimeSpan FirstWait { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in requests one client address may send per minute (a town hall's agents may share one address).</summary>
    public int PerAddressPerMinute { get; set; } = 60;

    /// <summary>Sign-in requests for one account per minute, from every address together: slows guessing spread over many addresses.</summary>
    public int PerAccountPerMinute { get; set; } = 20;
}

/// <summary>
/// Password sign-in throttled per (account, client address) with a growing wait instead of locking the account: an
/// attacker who guesses from an address slows only that address for that account, and the real person still signs in
/// from theirs. Unknown and existing accounts get the same answer and cost the same password hash. Failures and the
/// start of each wait go to the audit log. Held by each node in memory.
/// </summary>
public sealed class SignInAttempts(IOptions<SignInLimits> options, TimeProvider clock)
{
    readonly ConcurrentDictionary<(string Account, string Address), Failures> failures = new();
    readonly Lazy<string> decoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString()));

    /// <summary>What a sign-in attempt gave: the framework's result, or the wait before this address may try this account again.</summary>
    public sealed record Outcome(SignInResult Result, TimeSpan? Wait);

    public async Task<Outcome> PasswordSignInAsync(SignInManager<StaffUser> signIn, WriteUnit unit, string account, string password, string address)
    {
        var key = (signIn.UserManager.NormalizeName(account) ?? "", address);
        var now = clock.GetUtcNow();
        if (failures.TryGetValue(key, out var held) && held.Until > now)
        {
            return new Outcome(SignInResult.Failed, held.Until - now);
        }

        var user = await signIn.UserManager.FindByNameAsync(account);
        SignInResult result;
        if (user is null)
        {
            // The same work as a wrong password, so the time taken does not tell which accounts exist.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new StaffUser(), decoyHash.Value, password);
            result = SignInResult.Failed;
        }
        else
        {
            // No account-wide lockout: it would let anyone lock out the Administrator with five wrong passwords.
            result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            failures.TryRemove(key, out _);
            return new Outcome(result, null);
        }

        Prune(now);
        var count = failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => f with { Count = f.Count + 1 }).Count;
        var wait = WaitAfter(count);
        unit.Audit("account.sign-in-failed", null, string.Create(CultureInfo.InvariantCulture, $"{account} depuis {address} (échec n° {count})"));
        if (wait is { } w)
        {
            failures[key] = new Failures(count, now + w);
            unit.Audit("account.sign-in-throttled", null, string.Create(CultureInfo.InvariantCulture, $"{account} depuis {address} : attente de {w.TotalSeconds:0} s"));
        }

        await unit.CommitAsync();
        return new Outcome(result, wait);
    }

    /// <summary>Forgets the waits long over, so that guesses at many made-up accounts do not fill the memory.</summary>
    void Prune(DateTimeOffset now)
    {
        if (failures.Count < 10_000)
        {
            return;
        }

        foreach (var (key, held) in failures)
        {
            if (held.Until + options.Value.MaxWait < now)
            {
                failures.TryRemove(key, out _);
            }
        }
    }

    TimeSpan? WaitAfter(int count)
    {
        var settings = options.Value;
        if (count < settings.FreeFailures)
        {
            return null;
        }

        var doublings = Math.Min(count - settings.FreeFailures, 20);
        var wait = settings.FirstWait * Math.Pow(2, doublings);
        return wait < settings.MaxWait ? wait : settings.MaxWait;
    }

    sealed record Failures(int Count, DateTimeOffset Until);
}
