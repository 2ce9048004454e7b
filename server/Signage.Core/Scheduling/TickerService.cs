using Microsoft.EntityFrameworkCore;
using Signage.Contracts.Manifests;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Writes;

namespace Signage.Core.Scheduling;

public sealed record NewTickerLine(string Text, IReadOnlyList<Target> Targets, DateTimeOffset? From = null, DateTimeOffset? Until = null, Audience Audience = Audience.Public);

public sealed class TickerService(SignageDb db, WriteUnit unit, SiteScope scope, TimeProvider clock)
{
    public async Task<TickerMessage> AddAsync(NewTickerLine request, CancellationToken ct = default)
    {
        var text = await ValidateAsync(request, ct);
        var message = new TickerMessage
        {
            Id = Guid.NewGuid(),
            Text = text,
            Audience = request.Audience,
            Targets = [.. request.Targets.Distinct()],
            // PostgreSQL's timestamptz takes UTC only; the instant is what matters, not the offset it came with.
            From = request.From?.ToUniversalTime(),
            Until = request.Until?.ToUniversalTime(),
            CreatedBy = unit.Actor,
            CreatedAt = clock.GetUtcNow(),
        };
        db.TickerMessages.Add(message);
        unit.Audit("ticker.added", message.Id, text);
        unit.Affects(message.Targets);
        await unit.CommitAsync(ct);
        return message;
    }

    /// <summary>Replaces a line's text, targets, dates and audience; the screens it reached and reaches now get it again.</summary>
    public async Task<TickerMessage> UpdateAsync(Guid id, NewTickerLine request, CancellationToken ct = default)
    {
        var message = await db.TickerMessages.FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Cette ligne du bandeau n'existe pas (ou plus).");
        // Neither the screens it reaches now nor those it would reach may be outside the person's sites.
        await scope.EnsureTargetsAsync(message.Targets, ct);
        var text = await ValidateAsync(request, ct);
        unit.Affects(message.Targets);
        message.Text = text;
        message.Audience = request.Audience;
        message.Targets = [.. request.Targets.Distinct()];
        message.From = request.From?.ToUniversalTime();
        message.Until = request.Until?.ToUniversalTime();
        unit.Audit("ticker.updated", message.Id, text);
        unit.Affects(message.Targets);
        await unit.CommitAsync(ct);
        return message;
    }

    /// <summary>Deletes a line: it leaves its screens' band at once.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        var message = await db.TickerMessages.FirstOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new NotFoundException("Cette ligne du bandeau n'existe pas (ou plus).");
        await scope.EnsureTargetsAsync(message.Targets, ct);
        db.TickerMessages.Remove(message);
        unit.Audit("ticker.deleted", message.Id, message.Text);
        unit.Affects(message.Targets);
        await unit.CommitAsync(ct);
    }

    /// <summary>Every line the actor's sites hold whole, newest first.</summary>
    public async Task<List<TickerMessage>> ListAsync(CancellationToken ct = default) =>
        await scope.WithinAsync(await db.TickerMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct), m => m.Targets, ct);

    /// <summary>Checks a line; returns its trimmed text.</summary>
    async Task<string> ValidateAsync(NewTickerLine request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var text = request.Text?.Trim() ?? "";
        if (text.Length is 0 or > TickerMessage.MaxLength)
        {
            errors["text"] = [$"Le texte du bandeau est obligatoire ({TickerMessage.MaxLength} caractères au plus, pour être lu d'un coup d'œil)."];
        }

        if (request.Targets.Count == 0 || await db.MissingTargetsAsync(request.Targets, ct) > 0)
        {
            errors["targets"] = ["Choisissez un site, un groupe ou un écran existant."];
        }

        if (request.From is { } from && request.Until is { } until && until <= from)
        {
            errors["until"] = ["La fin doit venir après le début."];
        }

        if (!Enum.IsDefined(request.Audience))
        {
            errors["audience"] = ["Le public doit être « tout public » (Public) ou « agents » (Staff)."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        await scope.EnsureTargetsAsync(request.Targets, ct);
        return text;
    }
}
