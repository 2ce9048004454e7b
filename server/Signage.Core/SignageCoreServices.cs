using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Alerts.Cap;
using Signage.Core.Audit;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Fleet;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Plays;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Sites;
using Signage.Core.Writes;

namespace Signage.Core;

public static class SignageCoreServices
{
    /// <summary>Registers the database and every feature service. Hangfire, the notifier and the clock (TimeProvider) are the host's.</summary>
    public static IServiceCollection AddSignageCore(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<SignageDb>(o => o.UseNpgsql(connectionString));
        services.AddOptions<AssetStoreOptions>().BindConfiguration("Signage:Storage");
        services.AddOptions<FirstAdministratorOptions>().BindConfiguration("Signage:Admin");
        services.AddSingleton<AnnouncementRenderer>();
        services.AddOptions<MediaLimits>().BindConfiguration("Signage:Media")
            .Validate(l => l.MaxConcurrentDecodes >= 1 && l.DecodeMemoryBytes >= l.MaxPixels * 4,
                "Signage:Media: MaxConcurrentDecodes must be at least 1 and DecodeMemoryBytes at least 4 × MaxPixels.")
            .ValidateOnStart();
        services.AddSingleton<DecodeBudget>();
        services.AddSingleton<MediaInspector>();
        services.AddOptions<StaleUploadsOptions>().BindConfiguration("Signage:Media")
            .Validate(o => o.StaleUploadAge >= StaleUploadsOptions.MinimumAge, "Signage:Media:StaleUploadAge must be at least one minute: younger files may be uploads in progress.")
            .ValidateOnStart();
        services.AddScoped<CurrentActor>();
        services.AddScoped<WriteUnit>();
        services.AddScoped<SiteScope>();
        services.AddScoped<UserService>();
        services.AddScoped<SessionService>();
        services.AddScoped<MfaService>();
        services.AddScoped<AssetStore>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<StaleUploadsJob>();
        services.AddScoped<MediaCopiesJob>();
        services.AddScoped<SiteService>();
        services.AddScoped<ScreenService>();
        services.AddOptions<PairingOptions>().BindConfiguration("Signage:Pairing")
            .Validate(o => o.CodeLifetime > TimeSpan.Zero && o.MaxFailedClaims > 0 && o.FailureWindow > TimeSpan.Zero && o.MaxOpenCodesPerAddress > 0,
                "Signage:Pairing: CodeLifetime, MaxFailedClaims, FailureWindow and MaxOpenCodesPerAddress must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PairingThrottle>();
        services.AddScoped<PairingService>();
        services.AddOptions<FleetOptions>().BindConfiguration("Signage:Fleet")
            .Validate(o => o.OfflineAfter > TimeSpan.Zero && o.ClockTolerance > TimeSpan.Zero && o.FlushInterval > TimeSpan.Zero,
                "Signage:Fleet: OfflineAfter, ClockTolerance and FlushInterval must be positive.")
            .ValidateOnStart();
        services.AddScoped<FleetService>();
        services.AddScoped<Home.HomeService>();
        services.AddScoped<AnnouncementService>();
        services.AddScoped<AnnouncementLibrary>();
        services.AddScoped<SlideInputs>();
        services.AddScoped<AlertService>();
        services.AddScoped<AlertManifestsJob>();
        services.AddScoped<ThemeService>();
        services.AddScoped<ManifestService>();
        services.AddScoped<ScheduleService>();
        services.AddScoped<TickerService>();
        services.AddScoped<PreviewService>();
        services.AddScoped<RefreshManifestsJob>();
        services.AddScoped<RenderAnnouncementJob>();
        services.AddScoped<SlideDrawing>();
        services.AddScoped<PrerenderJob>();
        services.AddScoped<CapService>();
        services.AddSingleton<ActiveAlerts>();
        services.AddSingleton<AcknowledgementBatches>();
        services.AddSingleton<ISlidesAhead, AlertSlidesAhead>();
        services.AddScoped<RenderRecovery>();
        services.AddScoped<FirstAdministrator>();
        services.AddScoped<AuditLog>();
        services.AddOptions<AuditOptions>().BindConfiguration("Signage:Audit")
            .Validate(o => o.RetentionMonths >= 1, "Signage:Audit:RetentionMonths must be at least 1.")
            .ValidateOnStart();
        services.AddScoped<AuditRetentionJob>();
        services.AddScoped<PlayService>();
        services.AddOptions<PlayOptions>().BindConfiguration("Signage:Plays")
            .Validate(o => o.RetentionDays >= 1, "Signage:Plays:RetentionDays must be at least 1.")
            .ValidateOnStart();
        services.AddScoped<PlayRetentionJob>();
        return services;
    }

    public static string RequireConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Signage") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "ConnectionStrings:Signage is not set. Start a private cluster with deploy/pg.sh and pass its connection string " +
                "(environment variable ConnectionStrings__Signage), or use deploy/run.sh which does both.");
}
