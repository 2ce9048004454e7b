using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Data;
using Signage.Core.Sites;

namespace Signage.Core.Audit;

/// <summary>
/// What the audit log is asked for: a person (exact actor), a kind of object (the action's prefix: "announcement",
/// "alert"…), one object, and calendar days in Europe/Paris (the console's zone), both ends included.
/// </summary>
public sealed record AuditQuery(string? Actor = null, string? Kind = null, Guid? SubjectId = null, DateOnly? From = null, DateOnly? Until = null);

public sealed record AuditResults(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads the audit log, newest first: who did what, to which object, when.</summary>
public sealed class AuditLog(SignageDb db)
{
    public const int MaxPageSize = 200;

    /// <summary>The kinds of object the log names, as the actions' prefixes.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["announcement", "schedule", "ticker", "alert", "cap", "screen", "group", "site", "media", "theme"];

    static readonly TimeZoneInfo Paris = Site.DefaultZone;

    public async Task<AuditResults> SearchAsync(AuditQuery query, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["La page commence à 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Une page compte de 1 à {MaxPageSize} lignes."];
        }

        AddQueryErrors(query, errors);
        ValidationException.ThrowIfAny(errors);
        var filtered = Filter(query);
        var total = await filtered.CountAsync(ct);
        var entries = await filtered.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        return new AuditResults(entries, total, page, pageSize);
    }

    /// <summary>Refuses a query the log cannot answer (before a caller starts writing an export).</summary>
    public static void Validate(AuditQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        AddQueryErrors(query, errors);
        ValidationException.ThrowIfAny(errors);
    }

    /// <summary>Every entry the query selects, newest first, read as a stream (the CSV export).</summary>
    public async IAsyncEnumerable<AuditEntry> AllAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Validate(query);
        var filtered = Filter(query);
        await foreach (var entry in filtered.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return entry;
        }
    }

    /// <summary>Everyone who appears in the log, for the console's filter.</summary>
    public Task<List<string>> ActorsAsync(CancellationToken ct = default) =>
        db.AuditEntries.Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);

    static void AddQueryErrors(AuditQuery query, Dictionary<string, string[]> errors)
    {
        if (query.Kind is not null && !Kinds.Contains(query.Kind))
        {
            errors["kind"] = [$"« {query.Kind} » n'est pas un type d'objet du journal ({string.Join(", ", Kinds)})."];
        }

        if (query is { From: { } from, Until: { } until } && until < from)
        {
            errors["until"] = ["La date de fin précède la date de début."];
        }
    }

    IQueryable<AuditEntry> Filter(AuditQuery query)
    {
        var entries = db.AuditEntries.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(a => a.Actor == query.Actor);
        }

        if (query.Kind is { } kind)
        {
            var prefix = kind + ".";
            entries = entries.Where(a => a.Action.StartsWith(prefix));
        }

        if (query.SubjectId is { } subject)
        {
            entries = entries.Where(a => a.SubjectId == subject);
        }

        if (query.From is { } first)
        {
            var start = StartOfDay(first);
            entries = entries.Where(a => a.At >= start);
        }

        if (query.Until is { } last)
        {
            var end = StartOfDay(last.AddDays(1));
            entries = entries.Where(a => a.At < end);
        }

        return entries;
    }

    /// <summary>Midnight of <paramref name="day"/> in Paris, as a UTC instant (Npgsql writes timestamptz from UTC only).</summary>
    internal static DateTimeOffset StartOfDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Paris.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
