using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Signage.Core.Data;
using Signage.Core.Screens;

namespace Signage.Core.Scheduling;

sealed class ScheduleEntryConfiguration : IEntityTypeConfiguration<ScheduleEntry>
{
    public void Configure(EntityTypeBuilder<ScheduleEntry> builder)
    {
        builder.HasOne(x => x.Announcement).WithMany().HasForeignKey(x => x.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Targets).WithOne().HasForeignKey(t => t.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Tier).HasConversion<string>().HasMaxLength(10);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.Days).HasConversion(
            v => v.Select(d => (int)d).ToArray(),
            v => v.Select(d => (DayOfWeek)d).ToList(),
            new ValueComparer<List<DayOfWeek>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d)), v => v.ToList()));
        builder.Property(x => x.Times).IsJsonList();
    }
}

sealed class TickerMessageConfiguration : IEntityTypeConfiguration<TickerMessage>
{
    public void Configure(EntityTypeBuilder<TickerMessage> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(TickerMessage.MaxLength);
        builder.Property(m => m.Audience).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.Property(m => m.Targets).IsJsonList();
    }
}

sealed class ScheduleTargetConfiguration : IEntityTypeConfiguration<ScheduleTarget>
{
    public void Configure(EntityTypeBuilder<ScheduleTarget> builder)
    {
        builder.HasKey(t => new { t.EntryId, t.Kind, t.TargetId });
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(t => t.TargetId);
    }
}

sealed class ScreenManifestRecordConfiguration : IEntityTypeConfiguration<ScreenManifestRecord>
{
    public void Configure(EntityTypeBuilder<ScreenManifestRecord> builder)
    {
        builder.HasKey(m => m.ScreenId);
        builder.Property(m => m.Hash).HasMaxLength(64);
        builder.Property(m => m.BodyJson).HasColumnType("text");
        builder.HasOne<Screen>().WithOne().HasForeignKey<ScreenManifestRecord>(m => m.ScreenId).OnDelete(DeleteBehavior.Cascade);
    }
}
