using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Writes;

namespace Signage.Core.Alerts.Cap;

public sealed record NewCapSource(string Name, string PublicKeyPem);

/// <summary>A new source and its key, shown this once.</summary>
public sealed record CreatedCapSource(Guid Id, string Name, string Key);

public sealed record CapSourceSummary(Guid Id, string Name, DateTimeOffset CreatedAt);

public sealed record NewCapRule(Guid SourceId, string Event, string? Template, IReadOnlyList<Target> Targets, int? Minutes = null);

/// <summary>What a received message did: the alert it raised or ended.</summary>
public sealed record CapOutcome(string MsgType, Guid AlertId);

/// <summary>
/// Inbound CAP 1.2: an authenticated source's signed messages become alerts by the rules an
/// Administrator sets. Alert and Update raise the rule's alert (its template, targets and
/// duration, or until the message expires); Cancel ends the alerts the message references. A
/// malformed, unsigned, expired, duplicate or unmatched message is refused and changes nothing.
/// </summary>
public sealed class CapService(SignageDb db, WriteUnit unit, CurrentActor actor, AlertService alerts, TimeProvider clock)
{
    public async Task<CreatedCapSource> AddSourceAsync(NewCapSource request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (Names.Problem(name, CapSource.MaxNameLength) is { } problem)
        {
            errors["name"] = [problem];
        }

        var pem = request.PublicKeyPem?.Trim() ?? "";
        if (pem.Length is 0 or > CapSource.MaxPublicKeyLength || !IsRsaPublicKey(pem))
        {
            errors["publicKeyPem"] = ["Donnez la clé publique RSA de la source au format PEM (-----BEGIN PUBLIC KEY-----)."];
        }

        ValidationException.ThrowIfAny(errors);
        var key = DeviceToken.New();
        var source = new CapSource { Id = Guid.NewGuid(), Name = name, KeyHash = DeviceToken.Hash(key), PublicKeyPem = pem, CreatedAt = clock.GetUtcNow() };
        db.CapSources.Add(source);
        unit.Audit("cap.source-added", source.Id, name);
        await unit.CommitAsync(ct);
        return new CreatedCapSource(source.Id, name, key);
    }

    public Task<List<CapSourceSummary>> ListSourcesAsync(CancellationToken ct = default) =>
        db.CapSources.AsNoTracking().OrderBy(s => s.Name).Select(s => new CapSourceSummary(s.Id, s.Name, s.CreatedAt)).ToListAsync(ct);

    public async Task<CapRule> AddRuleAsync(NewCapRule request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.CapSources.AnyAsync(s => s.Id == request.SourceId, ct))
        {
            errors["sourceId"] = ["Cette source CAP n'existe pas."];
        }

        var ev = request.Event?.Trim() ?? "";
        if (ev.Length is 0 or > CapRule.MaxEventLength)
        {
            errors["event"] = [$"Donnez l'événement CAP (« event » ou une valeur d'« eventCode »), {CapRule.MaxEventLength} caractères au plus."];
        }

        if (request.Template is not null && AlertTemplates.Find(request.Template) is null)
        {
            errors["template"] = [$"Le modèle d'alerte « {request.Template} » n'existe pas."];
        }

        var targets = request.Targets ?? [];
        if (targets.Count == 0 || await db.MissingTargetsAsync(targets, ct) > 0)
        {
            errors["targets"] = ["Choisissez des sites, groupes ou écrans qui existent."];
        }

        if (request.Minutes is < 1 or > AlertService.MaxMinutes)
        {
            errors["minutes"] = [$"Une alerte dure de 1 minute à {AlertService.MaxMinutes / 60} heures."];
        }

        ValidationException.ThrowIfAny(errors);
        var rule = new CapRule { Id = Guid.NewGuid(), SourceId = request.SourceId, Event = ev, Template = request.Template, Targets = [.. targets.Distinct()], Minutes = request.Minutes };
        db.CapRules.Add(rule);
        unit.Audit("cap.rule-added", rule.Id, $"{ev} → {request.Template ?? "free text"}");
        await unit.CommitAsync(ct);
        return rule;
    }

    public Task<List<CapRule>> ListRulesAsync(CancellationToken ct = default) =>
        db.CapRules.AsNoTracking().OrderBy(r => r.Event).ToListAsync(ct);

    /// <summary>The source this key belongs to, or null.</summary>
    public Task<CapSource?> FindSourceAsync(string key, CancellationToken ct = default)
    {
        var hash = DeviceToken.Hash(key);
        return db.CapSources.AsNoTracking().FirstOrDefaultAsync(s => s.KeyHash == hash, ct);
    }

    public async Task<CapOutcome> ReceiveAsync(CapSource source, string xml, CancellationToken ct = default)
    {
        actor.Set($"cap:{source.Name}");
        var message = CapDocument.ReadSigned(xml, source.PublicKeyPem);
        var now = clock.GetUtcNow();
        if (message.Status != "Actual")
        {
            throw new CapRefusedException("cap-not-actual", $"Seuls les messages « Actual » déclenchent une alerte ; ce message « {message.Status} » n'a rien changé.");
        }

        if (message.Expires is { } expires && expires <= now)
        {
            throw new CapRefusedException("cap-expired", $"Ce message a expiré le {expires:O} : rien n'a été fait.");
        }

        if (await db.CapMessages.AnyAsync(m => m.Sender == message.Sender && m.Identifier == message.Identifier, ct))
        {
            throw new ConflictException($"Le message « {message.Identifier} » de « {message.Sender} » a déjà été reçu : rien n'a été refait.");
        }

        var record = new CapMessage { SourceId = source.Id, Sender = message.Sender, Identifier = message.Identifier, MsgType = message.MsgType, ReceivedAt = now };
        unit.Audit("cap.received", null, $"{message.Sender} {message.Identifier} {message.MsgType}");
        switch (message.MsgType)
        {
            case "Alert" or "Update":
                return await RaiseAsync(source, message, record, now, ct);
            case "Cancel":
                return await CancelAsync(source, message, record, ct);
            default:
                throw new CapRefusedException("cap-malformed", $"Le type de message « {message.MsgType} » n'est pas pris en charge (Alert, Update, Cancel).");
        }
    }

    async Task<CapOutcome> RaiseAsync(CapSource source, CapAlert message, CapMessage record, DateTimeOffset now, CancellationToken ct)
    {
        var rules = await db.CapRules.AsNoTracking().Where(r => r.SourceId == source.Id).ToListAsync(ct);
        string[] events = [.. message.EventCodes, .. message.Event is { } e ? [e] : Array.Empty<string>()];
        var rule = rules.FirstOrDefault(r => events.Any(e => string.Equals(e, r.Event, StringComparison.OrdinalIgnoreCase)))
            ?? throw new CapRefusedException("cap-no-rule", $"Aucune règle de la source « {source.Name} » ne correspond à l'événement « {string.Join(" / ", events)} » : rien n'a été affiché.");
        var minutes = rule.Minutes
            ?? (message.Expires is { } expires ? (int)Math.Clamp(Math.Ceiling((expires - now).TotalMinutes), 1, AlertService.MaxMinutes) : AlertService.DefaultMinutes);
        var request = rule.Template is not null
            ? new RaiseAlert(null, null, rule.Targets, minutes, rule.Template)
            : new RaiseAlert(message.Headline ?? message.Event, message.Description ?? "", rule.Targets, minutes);
        // Recorded in the alert's own transaction: both are saved, or neither.
        var raised = await alerts.RaiseAsync(request, alert =>
        {
            record.AlertId = alert.Id;
            db.CapMessages.Add(record);
        }, ct);
        return new CapOutcome(message.MsgType, raised.Id);
    }

    async Task<CapOutcome> CancelAsync(CapSource source, CapAlert message, CapMessage record, CancellationToken ct)
    {
        // CAP references are "sender,identifier,sent" triples.
        var referenced = message.References.Select(r => r.Split(',')).Where(p => p.Length >= 2).Select(p => (Sender: p[0], Identifier: p[1])).ToList();
        var senders = referenced.Select(r => r.Sender).ToList();
        var candidates = await db.CapMessages.AsNoTracking()
            .Where(m => m.SourceId == source.Id && senders.Contains(m.Sender) && m.AlertId != null)
            .ToListAsync(ct);
        var alertIds = candidates.Where(c => referenced.Contains((c.Sender, c.Identifier))).Select(c => c.AlertId!.Value).Distinct().ToList();
        if (alertIds.Count == 0)
        {
            throw new CapRefusedException("cap-no-reference", "Ce message d'annulation ne désigne aucune alerte reçue de cette source : rien n'a été fait.");
        }

        // The record goes with the first end's commit.
        record.AlertId = alertIds[0];
        db.CapMessages.Add(record);
        foreach (var alertId in alertIds)
        {
            await alerts.EndAsync(alertId, ct);
        }

        await unit.CommitAsync(ct);
        return new CapOutcome(message.MsgType, alertIds[0]);
    }

    static bool IsRsaPublicKey(string pem)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
