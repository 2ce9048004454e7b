using Signage.Core.Scheduling;

namespace Signage.Admin.Alerts;

/// <summary>A target chosen in a select as "Kind:id".</summary>
public static class AlertTargets
{
    public static Target? Parse(string value) =>
        value.Split(':') is [var kind, var id] && Enum.TryParse<TargetKind>(kind, out var k) && Enum.IsDefined(k) && Guid.TryParse(id, out var g) ? new Target(k, g) : null;
}
