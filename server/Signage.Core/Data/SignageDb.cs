using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Accounts;
using Signage.Core.Audit;
using Signage.Core.Content;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Core.Screens;

namespace Signage.Core.Data;

public class SignageDb(DbContextOptions<SignageDb> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Screen> Screens => Set<Screen>();
    public DbSet<ScreenGroup> ScreenGroups => Set<ScreenGroup>();
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<ScreenManifestRecord> ScreenManifests => Set<ScreenManifestRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema("signage");

        builder.Entity<ScreenGroup>(e =>
        {
            e.Property(g => g.Name).HasMaxLength(ScreenService.MaxNameLength);
            e.HasIndex(g => g.Name).IsUnique();
        });
        builder.Entity<Screen>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(ScreenService.MaxNameLength);
            e.Property(s => s.TokenHash).HasMaxLength(64);
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.HasOne(s => s.Group).WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Announcement>(e =>
        {
            e.Property(a => a.Title).HasMaxLength(AnnouncementService.MaxTitleLength);
            e.Property(a => a.Body).HasMaxLength(AnnouncementService.MaxBodyLength);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.AssetSha256).HasMaxLength(64);
            e.Property(a => a.CreatedBy).HasMaxLength(256);
            e.HasOne(a => a.Group).WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.GroupId, a.Status });
        });
        builder.Entity<Asset>(e =>
        {
            e.HasKey(a => a.Sha256);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.MediaType).HasMaxLength(100);
        });
        builder.Entity<ScreenManifestRecord>(e =>
        {
            e.HasKey(m => m.ScreenId);
            e.Property(m => m.Hash).HasMaxLength(64);
            e.Property(m => m.BodyJson).HasColumnType("text");
            e.HasOne<Screen>().WithOne().HasForeignKey<ScreenManifestRecord>(m => m.ScreenId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(100);
            e.HasIndex(a => a.At);
        });
    }
}
