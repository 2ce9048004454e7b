using System.Text.Json;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Alerts.Cap;
using Signage.Core.Audit;
using Signage.Core.Content;
using Signage.Core.Fleet;
using Signage.Core.Media;
using Signage.Core.Plays;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;

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
    public DbSet<PrerenderedSlide> PrerenderedSlides => Set<PrerenderedSlide>();
    public DbSet<OrganisationTheme> Themes => Set<OrganisationTheme>();
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
    public DbSet<ScreenManifestRecord> ScreenManifests => Set<ScreenManifestRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AlertAcknowledgement> AlertAcknowledgements => Set<AlertAcknowledgement>();
    public DbSet<CapSource> CapSources => Set<CapSource>();
    public DbSet<CapRule> CapRules => Set<CapRule>();
    public DbSet<CapMessage> CapMessages => Set<CapMessage>();
    public DbSet<PairingCode> PairingCodes => Set<PairingCode>();
    public DbSet<ScreenStatus> ScreenStatuses => Set<ScreenStatus>();
    public DbSet<StaffUserSite> StaffUserSites => Set<StaffUserSite>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<Play> Plays => Set<Play>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema("signage");

        // Each feature configures its own entities (Xxx/XxxConfiguration.cs).
        builder.ApplyConfigurationsFromAssembly(typeof(SignageDb).Assembly);
    }
}
