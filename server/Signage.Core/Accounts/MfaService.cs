using Microsoft.AspNetCore.Identity;
using QRCoder;
using Signage.Core.Writes;

namespace Signage.Core.Accounts;

/// <summary>What an authenticator app needs: the key to type, the otpauth address and its QR code (PNG data URI).</summary>
public sealed record AuthenticatorSetup(string Key, string Uri, string QrCodeDataUri);

/// <summary>TOTP enrolment (RFC 6238) with Identity's authenticator key and recovery codes.</summary>
public sealed class MfaService(UserManager<StaffUser> users, WriteUnit unit)
{
    public const int RecoveryCodes = 10;
    const string Issuer = "Signage";

    /// <summary>The person's authenticator key, made on first use; enrolment is not finished until a code is confirmed.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("Cette personne n'existe pas.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await unit.CommitAsync(async () =>
            {
                await users.ResetAuthenticatorKeyAsync(user);
                unit.Audit("user.mfa-key-created", Guid.TryParse(user.Id, out var id) ? id : null, user.Email);
                return true;
            }, ct);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return new AuthenticatorSetup(Spaced(key!), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>Turns MFA on once a code from the app checks out; answers the recovery codes, shown this once.</summary>
    public async Task<IReadOnlyList<string>> ConfirmAsync(string userId, string code, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("Cette personne n'existe pas.");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code ?? ""))
        {
            throw new ValidationException("code", "Ce code ne correspond pas : saisissez les 6 chiffres affichés par l'application en ce moment.");
        }

        return await unit.CommitAsync(async () =>
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes);
            unit.Audit("user.mfa-enabled", Guid.TryParse(user.Id, out var id) ? id : null, user.Email);
            return (IReadOnlyList<string>)[.. codes ?? []];
        }, ct);
    }

    static string Spaced(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}
