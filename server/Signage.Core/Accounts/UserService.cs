using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Accounts;

public sealed record UserSummary(
    string Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<Guid> SiteIds, IReadOnlyList<string> SiteNames,
    bool Disabled, bool HasPassword, bool MfaEnabled, int ActiveSessions);

/// <summary>A new person: with a password, or invited (no password) to set one through a one-time link.</summary>
public sealed record NewUser(string Email, string Role, IReadOnlyList<Guid>? SiteIds = null, string? Password = null);

/// <summary>
/// The user and, for an invitation or a reset, the one-time token of the set-password page: shown once to the
/// Administrator, never stored (it is bound to the account's security stamp, so setting a password spends it).
/// </summary>
public sealed record UserWithToken(UserSummary User, string? SetPasswordToken);

/// <summary>The last active Administrator would lose the right to manage the product. Nothing was changed.</summary>
public sealed class LastAdministratorException(string message) : RefusalException("last-administrator", message);

/// <summary>
/// People managed in the product: create or invite, roles, site scope, disable, password resets, delete.
/// A change of roles, scope, password or state ends the person's sessions in the same transaction, so it holds on
/// every node at their next request; the last active Administrator can never be disabled, demoted or deleted.
/// </summary>
public sealed class UserService(SignageDb db, WriteUnit unit, CurrentActor actor, UserManager<StaffUser> users)
{
    /// <summary>Holds the count of active Administrators until the commit, so two Administrators cannot demote each other at once.</summary>
    const long AdministratorsLock = 0x5167_6e61_6765_0002;

    public async Task<List<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => u.Id).ToListAsync(ct);
        return [.. await SummariesAsync(rows, ct)];
    }

    public async Task<UserSummary?> FindAsync(string id, CancellationToken ct = default) =>
        (await SummariesAsync([id], ct)).SingleOrDefault();

    public async Task<UserSummary?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        await users.FindByEmailAsync(email.Trim()) is { } user ? await FindAsync(user.Id, ct) : null;

    public async Task<UserWithToken> CreateAsync(NewUser request, CancellationToken ct = default)
    {
        var email = request.Email?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (!Roles.All.Contains(request.Role))
        {
            errors["role"] = [RoleMessage];
        }

        await CheckSitesAsync(request.SiteIds ?? [], errors, ct);
        if (email.Length == 0)
        {
            errors["email"] = ["Saisissez l'adresse e-mail de la personne."];
        }

        ValidationException.ThrowIfAny(errors);

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true };
        var token = await unit.CommitAsync(async () =>
        {
            Check(request.Password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, request.Password));
            Check(await users.AddToRoleAsync(user, request.Role));
            foreach (var siteId in (request.SiteIds ?? []).Distinct())
            {
                db.StaffUserSites.Add(new StaffUserSite { UserId = user.Id, SiteId = siteId });
            }

            unit.Audit(request.Password is null ? "user.invited" : "user.created", Subject(user), $"{email} {request.Role}");
            return request.Password is null ? await users.GeneratePasswordResetTokenAsync(user) : null;
        }, ct);
        return new UserWithToken((await FindAsync(user.Id, ct))!, token);
    }

    public async Task SetRolesAsync(string id, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var wanted = roles.Distinct().ToList();
        if (wanted.Count == 0 || wanted.Any(r => !Roles.All.Contains(r)))
        {
            throw new ValidationException("roles", RoleMessage);
        }

        var user = await RequireAsync(id);
        await unit.CommitAsync(async () =>
        {
            var current = await users.GetRolesAsync(user);
            if (!wanted.Contains(Roles.Administrator))
            {
                await EnsureAnotherAdministratorAsync(user, "retirer le rôle Administrateur à", ct);
            }

            Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
            Check(await users.AddToRolesAsync(user, wanted.Except(current)));
            await EndSessionsAsync(user.Id, ct);
            unit.Audit("user.roles-set", Subject(user), string.Join(",", wanted));
            return true;
        }, ct);
    }

    /// <summary>Limits a Publisher or Editor to these sites; none gives them every site again.</summary>
    public async Task SetSitesAsync(string id, IReadOnlyCollection<Guid> siteIds, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        await CheckSitesAsync(siteIds, errors, ct);
        ValidationException.ThrowIfAny(errors);
        var user = await RequireAsync(id);
        await unit.CommitAsync(async () =>
        {
            await db.StaffUserSites.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
            foreach (var siteId in siteIds.Distinct())
            {
                db.StaffUserSites.Add(new StaffUserSite { UserId = user.Id, SiteId = siteId });
            }

            await EndSessionsAsync(user.Id, ct);
            unit.Audit("user.sites-set", Subject(user), string.Join(",", siteIds.Distinct()));
            return true;
        }, ct);
    }

    public async Task SetDisabledAsync(string id, bool disabled, CancellationToken ct = default)
    {
        var user = await RequireAsync(id);
        await unit.CommitAsync(async () =>
        {
            if (disabled)
            {
                await EnsureAnotherAdministratorAsync(user, "désactiver", ct);
                await EndSessionsAsync(user.Id, ct);
            }

            user.Disabled = disabled;
            Check(await users.UpdateSecurityStampAsync(user));
            unit.Audit(disabled ? "user.disabled" : "user.enabled", Subject(user), user.Email);
            return true;
        }, ct);
    }

    /// <summary>Removes the password and ends the sessions; the token opens the set-password page once.</summary>
    public async Task<string> ResetPasswordAsync(string id, CancellationToken ct = default)
    {
        var user = await RequireAsync(id);
        return await unit.CommitAsync(async () =>
        {
            if (await users.HasPasswordAsync(user))
            {
                Check(await users.RemovePasswordAsync(user));
            }

            await EndSessionsAsync(user.Id, ct);
            unit.Audit("user.password-reset", Subject(user), user.Email);
            return await users.GeneratePasswordResetTokenAsync(user);
        }, ct);
    }

    /// <summary>Sets the password directly (the command line, on a server without any Administrator yet).</summary>
    public async Task SetPasswordAsync(string id, string password, CancellationToken ct = default)
    {
        var user = await RequireAsync(id);
        await unit.CommitAsync(async () =>
        {
            if (await users.HasPasswordAsync(user))
            {
                Check(await users.RemovePasswordAsync(user));
            }

            Check(await users.AddPasswordAsync(user, password));
            await EndSessionsAsync(user.Id, ct);
            unit.Audit("user.password-set", Subject(user), user.Email);
            return true;
        }, ct);
    }

    /// <summary>The person sets their password with the one-time token of an invitation or a reset.</summary>
    public async Task SetPasswordWithTokenAsync(string id, string token, string password, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || user.Disabled)
        {
            throw new ValidationException("token", ExpiredLinkMessage);
        }

        // The page is anonymous: choosing one's password is the person's own act.
        actor.Set(user.Email);
        await unit.CommitAsync(async () =>
        {
            var result = await users.ResetPasswordAsync(user, token, password);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                throw new ValidationException("token", ExpiredLinkMessage);
            }

            Check(result);
            unit.Audit("user.password-chosen", Subject(user), user.Email);
            return true;
        }, ct);
    }

    public async Task DeleteAsync(string id, CancellationToken ct = default)
    {
        var user = await RequireAsync(id);
        await unit.CommitAsync(async () =>
        {
            await EnsureAnotherAdministratorAsync(user, "supprimer", ct);
            Check(await users.DeleteAsync(user));
            unit.Audit("user.deleted", Subject(user), user.Email);
            return true;
        }, ct);
    }

    const string RoleMessage = "Le rôle est Administrator (administrateur), Publisher (publieur) ou Editor (rédacteur).";
    const string ExpiredLinkMessage = "Ce lien n'est plus valable : demandez-en un nouveau à un administrateur.";

    async Task<StaffUser> RequireAsync(string id) =>
        await users.FindByIdAsync(id) ?? throw new NotFoundException("Cette personne n'existe pas.");

    async Task CheckSitesAsync(IReadOnlyCollection<Guid> siteIds, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var wanted = siteIds.Distinct().ToList();
        if (wanted.Count > 0 && await db.Sites.CountAsync(s => wanted.Contains(s.Id), ct) != wanted.Count)
        {
            errors["siteIds"] = ["Un des sites n'existe pas (ou plus)."];
        }
    }

    /// <summary>Inside the transaction: refuses when <paramref name="user"/> is the only active Administrator.</summary>
    async Task EnsureAnotherAdministratorAsync(StaffUser user, string action, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdministratorsLock})", ct);
        var administrators = await ActiveAdministratorsAsync(ct);
        if (administrators.Contains(user.Id) && administrators.Count == 1)
        {
            throw new LastAdministratorException(
                $"Impossible de {action} {user.Email} : c'est le dernier administrateur actif. Nommez d'abord un autre administrateur.");
        }
    }

    Task<List<string>> ActiveAdministratorsAsync(CancellationToken ct) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Administrator && !u.Disabled
         select u.Id).ToListAsync(ct);

    Task<int> EndSessionsAsync(string userId, CancellationToken ct) =>
        db.StaffSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);

    async Task<IReadOnlyList<UserSummary>> SummariesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var sites = await (from us in db.StaffUserSites
                           join s in db.Sites on us.SiteId equals s.Id
                           where ids.Contains(us.UserId)
                           orderby s.Name
                           select new { us.UserId, s.Id, s.Name }).ToListAsync(ct);
        var sessions = await db.StaffSessions.Where(s => ids.Contains(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. people.Select(u => new UserSummary(
            u.Id, u.Email ?? u.UserName ?? "",
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order()],
            [.. sites.Where(s => s.UserId == u.Id).Select(s => s.Id)],
            [.. sites.Where(s => s.UserId == u.Id).Select(s => s.Name)],
            u.Disabled, u.PasswordHash is not null, u.TwoFactorEnabled, sessions.GetValueOrDefault(u.Id)))];
    }

    static Guid? Subject(StaffUser user) => Guid.TryParse(user.Id, out var id) ? id : null;

    /// <summary>Identity's refusals, in French and on the field they concern.</summary>
    static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var error in result.Errors)
        {
            var (field, message) = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)
                    => ("email", "Un compte existe déjà avec cette adresse e-mail."),
                nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName)
                    => ("email", "Cette adresse e-mail n'est pas valable."),
                var code when code.StartsWith("Password", StringComparison.Ordinal)
                    => ("password", "Le mot de passe compte au moins 12 caractères, dont une majuscule, une minuscule, un chiffre et un symbole."),
                _ => ("", error.Description),
            };
            errors[field] = [.. errors.GetValueOrDefault(field, []).Append(message).Distinct()];
        }

        throw new ValidationException(errors);
    }
}
