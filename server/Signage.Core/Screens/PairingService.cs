using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Screens;

/// <summary>
/// What an Administrator decides when claiming a code: a new screen (name, site, groups, audience), or, with
/// <paramref name="ScreenId"/>, an existing screen moved to the device showing the code (its old token stops working).
/// </summary>
public sealed record PairingClaim(
    string Code,
    Guid? ScreenId = null,
    string? Name = null,
    Guid? SiteId = null,
    IReadOnlyList<Guid>? GroupIds = null,
    Audience Audience = Audience.Public);

public sealed record PairedScreen(Guid ScreenId, string Name);

/// <summary>A refused claim: the code is unknown, expired or already used; nothing changed.</summary>
public sealed class PairingRefusedException(string code, string message) : RefusalException(code, message);

/// <summary>
/// Pairing by code: a player with no token asks for a code over the anonymous pairing hub, an Administrator claims it
/// in the console, and the device token goes to that hub connection only. Codes live <see cref="PairingOptions.CodeLifetime"/>,
/// serve once, and failed claims are throttled per person and per address.
/// </summary>
public sealed class PairingService(
    SignageDb db,
    WriteUnit unit,
    ScreenService screens,
    PairingThrottle throttle,
    IPairingNotifier notifier,
    IOptions<PairingOptions> options,
    TimeProvider clock)
{
    /// <summary>Long enough to outlive every code, so that claimed and expired codes do not pile up.</summary>
    static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>A new code for the pairing connection <paramref name="connectionId"/>, for a screen of this resolution.</summary>
    public async Task<PairingOffer> RequestAsync(int width, int height, string connectionId, string? address, CancellationToken ct = default)
    {
        if (width is < 320 or > 7680 || height is < 320 or > 7680)
        {
            throw new ValidationException("resolution", "La résolution doit être comprise entre 320 et 7680 pixels de côté.");
        }

        var now = clock.GetUtcNow();
        var from = address is { Length: > PairingCode.MaxAddressLength } ? address[..PairingCode.MaxAddressLength] : address;
        if (await db.PairingCodes.CountAsync(p => p.Address == from && p.ClaimedAt == null && p.ExpiresAt > now, ct) >= options.Value.MaxOpenCodesPerAddress)
        {
            throw new TooManyAttemptsException("pairing.too-many-codes", "Trop de codes d'appairage sont ouverts depuis cette adresse : réessayez dans quelques minutes.");
        }

        var lifetime = options.Value.CodeLifetime;
        var code = new PairingCode
        {
            Code = NewCode(),
            Width = width,
            Height = height,
            ConnectionId = connectionId[..Math.Min(connectionId.Length, PairingCode.MaxConnectionIdLength)],
            Address = from,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        await unit.CommitAsync(async () =>
        {
            await db.PairingCodes.Where(p => p.ExpiresAt < now - Kept).ExecuteDeleteAsync(ct);
            db.PairingCodes.Add(code);
            return true;
        }, ct);
        return new PairingOffer(code.Code, lifetime.TotalSeconds);
    }

    /// <summary>
    /// Claims a code as the signed-in Administrator from <paramref name="address"/>: creates the screen (or gives the
    /// existing one a new token), marks the code used in the same transaction, then sends the token to the player.
    /// </summary>
    public async Task<PairedScreen> ClaimAsync(PairingClaim claim, string? address, CancellationToken ct = default)
    {
        string[] keys = address is null ? [$"user:{unit.Actor}"] : [$"user:{unit.Actor}", $"address:{address}"];
        if (!throttle.Allows(keys))
        {
            throw new TooManyAttemptsException("pairing.too-many-attempts",
                $"Trop de codes erronés : réessayez dans {Math.Ceiling(options.Value.FailureWindow.TotalMinutes):0} minutes.");
        }

        var normalized = PairingContract.Normalize(claim.Code);
        if (normalized is null)
        {
            throttle.Failed(keys);
            throw new ValidationException("code", "Le code est fait de 6 lettres et chiffres, comme K7M-2QX : recopiez celui que l'écran affiche.");
        }

        var now = clock.GetUtcNow();
        var pending = await db.PairingCodes.AsNoTracking().FirstOrDefaultAsync(p => p.Code == normalized, ct);
        if (Refusal(pending, now) is { } refusal)
        {
            throttle.Failed(keys);
            throw refusal;
        }

        string token;
        Guid screenId;
        string name;
        if (claim.ScreenId is { } existing)
        {
            token = await screens.StageTokenReplacementAsync(existing, (pending!.Width, pending.Height), ct);
            screenId = existing;
            name = await db.Screens.Where(s => s.Id == existing).Select(s => s.Name).SingleAsync(ct);
        }
        else
        {
            var groups = claim.GroupIds ?? [];
            var created = await screens.StageScreenAsync(
                new NewScreen(claim.Name ?? "", groups.Count > 0 ? groups[0] : Guid.Empty, claim.SiteId, claim.Audience, pending!.Width, pending.Height), groups, ct);
            (token, screenId, name) = (created.Token, created.Screen.Id, created.Screen.Name);
        }

        unit.Audit("screen.paired", screenId, $"{PairingContract.Display(normalized)} {pending.Width}×{pending.Height}");
        // Set-based, so of two claims of the same code at once only one finds it open; the other changes nothing.
        await unit.CommitAsync(async () =>
        {
            var taken = await db.PairingCodes
                .Where(p => p.Code == normalized && p.ClaimedAt == null && p.ExpiresAt > now)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.ClaimedAt, now).SetProperty(x => x.ScreenId, screenId), ct);
            return taken == 1 ? true : throw Used();
        }, ct);
        await notifier.PairedAsync(pending.ConnectionId, token, ct);
        return new PairedScreen(screenId, name);
    }

    static PairingRefusedException? Refusal(PairingCode? code, DateTimeOffset now) => code switch
    {
        null => new PairingRefusedException("pairing.unknown-code", "Aucun écran n'affiche ce code : vérifiez-le sur l'écran."),
        { ClaimedAt: not null } => Used(),
        _ when code.ExpiresAt <= now => new PairingRefusedException("pairing.expired", "Ce code a expiré : l'écran en affiche maintenant un nouveau."),
        _ => null,
    };

    static PairingRefusedException Used() => new("pairing.used", "Ce code a déjà servi : l'écran en affiche un nouveau s'il attend encore.");

    static string NewCode() => System.Security.Cryptography.RandomNumberGenerator.GetString(PairingContract.Alphabet, PairingContract.Length);
}
