using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Contracts.Hub;
using Signage.Core.Screens;

namespace Signage.Core.Fleet;

/// <summary>The latest report of a screen's player: one row per screen, updated in place.</summary>
public class ScreenStatus
{
    public Guid ScreenId { get; set; }

    /// <summary>When the server received it (the server's clock).</summary>
    public DateTimeOffset ReportedAt { get; set; }
    public Guid? ShowingItemId { get; set; }
    public long? ManifestVersion { get; set; }
    public long CacheBytes { get; set; }
    public long FreeDiskBytes { get; set; }
    public required string AgentVersion { get; set; }
    public double UptimeSeconds { get; set; }
    public bool DisplayOn { get; set; }
    public double ClockOffsetSeconds { get; set; }
}

sealed class ScreenStatusConfiguration : IEntityTypeConfiguration<ScreenStatus>
{
    public void Configure(EntityTypeBuilder<ScreenStatus> builder)
    {
        builder.ToTable("ScreenStatuses");
        builder.HasKey(s => s.ScreenId);
        builder.Property(s => s.AgentVersion).HasMaxLength(PlayerReport.MaxAgentVersionLength);
        builder.HasOne<Screen>().WithOne().HasForeignKey<ScreenStatus>(s => s.ScreenId).OnDelete(DeleteBehavior.Cascade);
    }
}
