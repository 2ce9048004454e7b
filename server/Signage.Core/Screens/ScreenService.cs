using Microsoft.EntityFrameworkCore;
using Signage.Core.Audit;
using Signage.Core.Data;

namespace Signage.Core.Screens;

public sealed record CreatedScreen(Screen Screen, string Token);

public sealed class ScreenService(SignageDb db, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    public async Task<ScreenGroup> CreateGroupAsync(string name, string actor, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
        var existing = await db.ScreenGroups.FirstOrDefaultAsync(g => g.Name == trimmed, ct);
        if (existing is not null)
        {
            return existing;
        }

        var group = new ScreenGroup { Id = Guid.NewGuid(), Name = trimmed };
        db.ScreenGroups.Add(group);
        db.Audit(clock, actor, "group.created", group.Id, trimmed);
        await db.SaveChangesAsync(ct);
        return group;
    }

    public async Task<CreatedScreen> CreateScreenAsync(string name, Guid groupId, string actor, CancellationToken ct = default)
    {
        var trimmed = RequireName(name);
        if (!await db.ScreenGroups.AnyAsync(g => g.Id == groupId, ct))
        {
            throw new ValidationException("groupId", "Ce groupe d'écrans n'existe pas.");
        }

        var token = DeviceToken.New();
        var screen = new Screen
        {
            Id = Guid.NewGuid(),
            Name = trimmed,
            GroupId = groupId,
            TokenHash = DeviceToken.Hash(token),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Screens.Add(screen);
        db.Audit(clock, actor, "screen.created", screen.Id, trimmed);
        await db.SaveChangesAsync(ct);
        return new CreatedScreen(screen, token);
    }

    public async Task<bool> RevokeTokenAsync(Guid screenId, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Screens
            .Where(s => s.Id == screenId && s.TokenRevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.TokenRevokedAt, now), ct);
        if (changed == 0)
        {
            return false;
        }

        db.Audit(clock, actor, "screen.token-revoked", screenId, null);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The screen a device token belongs to, or null for an unknown or revoked token.</summary>
    public Task<Screen?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        var hash = DeviceToken.Hash(token);
        return db.Screens.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash && s.TokenRevokedAt == null, ct);
    }

    public Task<List<ScreenGroup>> ListGroupsAsync(CancellationToken ct = default) =>
        db.ScreenGroups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct);

    static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            throw new ValidationException("name", $"Le nom est obligatoire ({MaxNameLength} caractères au plus).");
        }

        return trimmed;
    }
}
