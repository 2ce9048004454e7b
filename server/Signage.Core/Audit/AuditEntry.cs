using Signage.Core.Data;

namespace Signage.Core.Audit;

/// <summary>One line of the append-only audit log: who did what to which thing, when.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public Guid? SubjectId { get; set; }
    public string? Details { get; set; }
}

public static class AuditExtensions
{
    /// <summary>Adds an audit entry to the unit of work, so it is saved with the change it describes.</summary>
    public static void Audit(this SignageDb db, TimeProvider clock, string actor, string action, Guid? subjectId, string? details) =>
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, SubjectId = subjectId, Details = details });
}
