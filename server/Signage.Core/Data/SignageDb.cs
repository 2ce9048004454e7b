using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Signage.Contracts.Manifests;
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
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<SiteClosure> SiteClosures => Set<SiteClosure>();
    public DbSet<ScheduleEntry> ScheduleEntries => Set<ScheduleEntry>();
    public DbSet<ScheduleTarget> ScheduleTargets => Set<ScheduleTarget>();
    public DbSet<TickerMessage> TickerMessages => Set<TickerMessage>();
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<AnnouncementRendition> Renditions => Set<AnnouncementRendition>();
    public DbSet<OrganisationTheme> Themes => Set<OrganisationTheme>();
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
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
            e.Property(s => s.Audience).HasConversion<string>().HasMaxLength(10);
            e.Property(s => s.GroupIds).HasDefaultValueSql("'{}'::uuid[]");
            e.HasIndex(s => s.GroupIds).HasMethod("gin");
            e.HasOne(s => s.Site).WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Site>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(ScreenService.MaxNameLength);
            e.HasIndex(s => s.Name).IsUnique();
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.Holidays).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.OpeningHours).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, ManifestCanonical.Options),
                v => JsonSerializer.Deserialize<List<OpeningHours>>(v, ManifestCanonical.Options) ?? new List<OpeningHours>(),
                new ValueComparer<List<OpeningHours>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, o) => HashCode.Combine(h, o)), v => v.ToList()));
            e.HasMany(s => s.Closures).WithOne().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SiteClosure>(e =>
        {
            e.HasKey(c => new { c.SiteId, c.Date });
            e.Property(c => c.Reason).HasMaxLength(200);
        });
        builder.Entity<ScheduleEntry>(e =>
        {
            e.HasOne(x => x.Announcement).WithMany().HasForeignKey(x => x.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Targets).WithOne().HasForeignKey(t => t.EntryId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Tier).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.Days).HasConversion(
                v => v.Select(d => (int)d).ToArray(),
                v => v.Select(d => (DayOfWeek)d).ToList(),
                new ValueComparer<List<DayOfWeek>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, d) => HashCode.Combine(h, d)), v => v.ToList()));
            e.Property(x => x.Times).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, ManifestCanonical.Options),
                v => JsonSerializer.Deserialize<List<TimeRange>>(v, ManifestCanonical.Options) ?? new List<TimeRange>(),
                new ValueComparer<List<TimeRange>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToList()));
        });
        builder.Entity<TickerMessage>(e =>
        {
            e.Property(m => m.Text).HasMaxLength(TickerMessage.MaxLength);
            e.Property(m => m.Audience).HasConversion<string>().HasMaxLength(10);
            e.Property(m => m.CreatedBy).HasMaxLength(256);
            e.Property(m => m.Targets).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, ManifestCanonical.Options),
                v => JsonSerializer.Deserialize<List<Target>>(v, ManifestCanonical.Options) ?? new List<Target>(),
                new ValueComparer<List<Target>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToList()));
        });
        builder.Entity<ScheduleTarget>(e =>
        {
            e.HasKey(t => new { t.EntryId, t.Kind, t.TargetId });
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(10);
            e.HasIndex(t => t.TargetId);
        });
        builder.Entity<Announcement>(e =>
        {
            e.Property(a => a.Title).HasMaxLength(AnnouncementService.MaxTitleLength);
            e.Property(a => a.Body).HasMaxLength(AnnouncementService.MaxBodyLength);
            e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.AssetSha256).HasMaxLength(64);
            e.Property(a => a.CreatedBy).HasMaxLength(256);
            e.Property(a => a.Audience).HasConversion<string>().HasMaxLength(10);
            e.Property(a => a.Category).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.Template).HasMaxLength(40);
            e.Property(a => a.ImageSha256).HasMaxLength(64);
            e.Property(a => a.Link).HasMaxLength(AnnouncementService.MaxLinkLength);
        });
        builder.Entity<AnnouncementRendition>(e =>
        {
            e.HasKey(r => new { r.AnnouncementId, r.Width, r.Height });
            e.Property(r => r.RenderKey).HasMaxLength(64);
            e.Property(r => r.AssetSha256).HasMaxLength(64);
            e.HasIndex(r => r.RenderKey);
            e.HasOne<Announcement>().WithMany().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<OrganisationTheme>(e =>
        {
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Primary).HasMaxLength(7);
            e.Property(t => t.Accent).HasMaxLength(7);
            e.Property(t => t.LogoSha256).HasMaxLength(64);
        });
        builder.Entity<MediaItem>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(255);
            e.Property(m => m.Sha256).HasMaxLength(64);
            e.HasIndex(m => m.Sha256).IsUnique();
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(m => m.MediaType).HasMaxLength(100);
            e.Property(m => m.UploadedBy).HasMaxLength(256);
        });
        builder.Entity<MediaVariant>(e =>
        {
            e.HasKey(v => new { v.MediaItemId, v.Width, v.Height });
            e.Property(v => v.AssetSha256).HasMaxLength(64);
            e.HasOne<MediaItem>().WithMany().HasForeignKey(v => v.MediaItemId).OnDelete(DeleteBehavior.Cascade);
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
