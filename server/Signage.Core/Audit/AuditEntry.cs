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
