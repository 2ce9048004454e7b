using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.States;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;
using Signage.Admin;
using Signage.Contracts.Hub;
using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Alerts;
using Signage.Core.Audit;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Jobs;
using Signage.Core.Media;
using Signage.Core.Plays;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.Core.Writes;
using Signage.Server;
using Signage.Server.Accounts;
using Signage.Server.Alerts;
using Signage.Server.Audit;
using Signage.Server.Content;
using Signage.Server.Health;
using Signage.Server.Jobs;
using Signage.Server.Media;
using Signage.Server.Nodes;
using Signage.Server.Plays;
using Signage.Server.Scheduling;
using Signage.Server.Screens;
using Signage.Server.Security;

const string authCookieName = "signage.auth";
var builder = WebApplication.CreateBuilder(args);
// Serves the console's assets from a build output too (a no-op on published output).
builder.WebHost.UseStaticWebAssets();
var connectionString = builder.Configuration.RequireConnectionString();

builder.Services.AddSignageCore(connectionString);
// Under systemd (deploy/systemd, Type=notify) it reports when it is ready and logs in the journal's format; a no-op elsewhere.
builder.Services.AddSystemd();
#pragma warning disable RS0030 // The host is where the real clock is registered; everything else takes TimeProvider from DI.
builder.Services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
builder.Services.AddSingleton<ConnectedScreens>();
builder.Services.AddSingleton<DeviceTokenCache>();
builder.Services.AddSingleton<ScreenChangeListener>();
builder.Services.AddHostedService(s => s.GetRequiredService<ScreenChangeListener>());
builder.Services.AddHostedService<ScreenContacts>();
builder.Services.AddSingleton<ScreenReports>();
builder.Services.AddHostedService(s => s.GetRequiredService<ScreenReports>());
builder.Services.AddSingleton<IPairingNotifier, HubPairingNotifier>();
builder.Services.AddRateLimiter(o => o.AddPolicy<string, PairingRateLimit>(PairingRateLimit.Name));
builder.Services.AddSingleton<IScreenNotifier, HubScreenNotifier>();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCodes.Customize);
builder.Services.AddExceptionHandler<RefusalHandler>();
// A body or parameter that does not bind throws, in every environment, so RefusalHandler can name the field.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o => StrictJson.Apply(o.SerializerOptions));

builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, DeviceAuthenticationHandler>(DeviceAuthenticationHandler.SchemeName, null)
    .AddSignageOidc(builder.Configuration)
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/signin";
    o.AccessDeniedPath = "/access-denied";
    o.Cookie.Name = authCookieName;
    o.Cookie.SameSite = SameSiteMode.Strict;
    // Secure when the request came over HTTPS, directly or through a configured proxy (Signage:Network).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    // APIs and the hub answer 401/403 instead of redirecting to the sign-in page.
    o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
});
// Sessions live in PostgreSQL: signing out, ending a session or changing a person ends it on every node at once.
builder.Services.AddSingleton<PostgresTicketStore>();
builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
    .Configure<PostgresTicketStore>((o, store) => o.SessionStore = store);
// A password changed outside the console (the CLI, another node) is noticed within a minute.
builder.Services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    // Identity rebuilds the principal from the account at each check and drops how the person signed in: keep it, or an
    // Administrator who signed in with a second factor would be asked for it again a minute later.
    o.OnRefreshingPrincipal = AdministratorMfaMiddleware.KeepSignInMethod;
});
builder.Services.AddIdentityCore<StaffUser>(o =>
    {
        o.Password.RequiredLength = 12;
        o.User.RequireUniqueEmail = true;
        // "Confirmed" means "not disabled" (EnabledStaffOnly).
        o.SignIn.RequireConfirmedAccount = true;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<SignageDb>()
    .AddClaimsPrincipalFactory<StaffClaimsFactory>()
    .AddSignInManager<StaffSignInManager>()
    .AddDefaultTokenProviders()
    // Authenticator codes checked against the TimeProvider (RFC 6238), in place of Identity's own clock.
    .AddTokenProvider<TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
builder.Services.AddScoped<IUserConfirmation<StaffUser>, EnabledStaffOnly>();
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
NetworkOptions.AddSignageNetwork(builder);
builder.Services.AddSignInRateLimits();

builder.Services.AddHangfire(c => c
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(
        o => o.UseNpgsqlConnection(connectionString),
        JobStorageSetup.Options(builder.Configuration["Signage:Jobs:Schema"], builder.Configuration.GetValue<TimeSpan?>("Signage:Jobs:InvisibilityTimeout"))));
if (builder.Configuration.GetValue("Signage:Jobs:Enabled", true))
{
    builder.Services.AddHangfireServer(o =>
    {
        o.WorkerCount = builder.Configuration.GetValue("Signage:Jobs:Workers", Math.Max(2, Environment.ProcessorCount));
        // Renders and manifest refreshes first; media copies when no render waits.
        o.Queues = [EnqueuedState.DefaultQueue, MediaCopiesJob.Queue];
    });
}

// With Signage:Redis, the nodes share hub messages through Redis; a node keeps serving its own players without it.
builder.Services.AddSignalR().AddRedisBackplane(builder.Configuration["Signage:Redis"])
    // A full batch of plays (PlayRecord.MaxBatch, about 300 bytes each) is larger than SignalR's default 32 KiB message.
    .AddHubOptions<PlayerHub>(o => o.MaximumReceiveMessageSize = 256 * 1024);
builder.Services.AddOpenApi();
builder.Services.AddSignageHealth();
builder.Services.AddSignageAdmin();

var app = builder.Build();

if (app.Configuration.GetValue("Signage:MigrateOnStartup", true))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<SignageDb>().Database.MigrateAsync();
    await scope.ServiceProvider.GetRequiredService<FirstAdministrator>()
        .EnsureAsync(scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FirstAdministratorOptions>>().Value);
}

if (ScreenCli.Handles(args))
{
    return await ScreenCli.RunAsync(app.Services, args, Console.Out);
}

if (UserCli.Handles(args))
{
    return await UserCli.RunAsync(app.Services, args, Console.In, Console.Out);
}

// Uploads cut short when a server last stopped leave partial files; those still being received elsewhere are recent.
// Images without their scaled copies (uploaded before copies existed, or whose job was lost) get them made.
await using (var scope = app.Services.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<StaleUploadsJob>().Run(CancellationToken.None);
    try
    {
        var queued = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().EnqueueMissingCopiesAsync(CancellationToken.None);
        if (queued.Count > 0)
        {
            app.Logger.LogInformation("Queued the scaled copies of {Count} media item(s) that lack them.", queued.Count);
        }
    }
    catch (BackgroundJobClientException e)
    {
        // Slides draw from the originals meanwhile; the next start-up tries again.
        app.Logger.LogWarning(e, "Could not queue the missing scaled copies of media items.");
    }

    // The alert path's queries are compiled now, not on the first alert.
    await scope.ServiceProvider.GetRequiredService<AlertService>().WarmUpAsync(CancellationToken.None);

    var orphans = await scope.ServiceProvider.GetRequiredService<RenderRecovery>().RequeueOrphansAsync(CancellationToken.None);
    if (orphans.Count > 0)
    {
        app.Logger.LogWarning("Queued the render of {Count} announcement(s) left rendering without a job.", orphans.Count);
    }
}

var recurringJobs = app.Services.GetRequiredService<IRecurringJobManager>();
recurringJobs.AddOrUpdate<RefreshManifestsJob>(RefreshManifestsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
recurringJobs.AddOrUpdate<StaleUploadsJob>(StaleUploadsJob.Id, job => job.Run(CancellationToken.None), Cron.Hourly());
recurringJobs.AddOrUpdate<PrerenderJob>(PrerenderJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
recurringJobs.AddOrUpdate<AuditRetentionJob>(AuditRetentionJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
recurringJobs.AddOrUpdate<PlayRetentionJob>(PlayRetentionJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 30));
// The alert templates are drawn for the current theme and fleet before the first alert is raised.
recurringJobs.Trigger(PrerenderJob.Id);

// The client's address and scheme as a configured proxy saw them, before anything reads them.
app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseHsts();
app.UseExceptionHandler();
// A bare error status (an unknown address above all) is ProblemDetails for the API and the players' hub, and a
// French page of the console for every other address.
app.UseWhen(context => IsMachinePath(context.Request.Path), api => api.UseStatusCodePages());
app.UseWhen(context => !IsMachinePath(context.Request.Path),
    console => console.UseStatusCodePagesWithReExecute("/erreur/{0}", createScopeForStatusCodePages: true));
app.UseSignInRateLimits();
// Routing after the status code pages, so that the re-executed request is routed to the page.
app.UseRouting();
app.UseRequestLocalization(o => o.SetDefaultCulture("fr-FR").AddSupportedCultures("fr-FR", "en").AddSupportedUICultures("fr-FR", "en"));
app.UseAuthentication();
// After authentication: an antiforgery token is bound to the signed-in person.
app.UseCrossSiteRequestChecks(authCookieName);
// Every write in this request is audited under the signed-in person (a player's requests write nothing of its own).
app.Use((context, next) =>
{
    context.RequestServices.GetRequiredService<CurrentActor>().Set(context.User);
    return next(context);
});
// An Administrator signed in without a second factor reaches only the enrolment page (and sign-out).
app.UseAdministratorMfa(app.Configuration.GetValue("Signage:Accounts:AdministratorMfa", AdministratorMfa.Required));
app.UseAuthorization();
// The pairing hub's endpoint policy needs routing, which runs after the sign-in limiter; only the pairing path goes
// through this second limiter, so a sign-in is never counted twice.
app.UseWhen(context => context.Request.Path.StartsWithSegments(PairingContract.Path), pairing => pairing.UseRateLimiter());
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealth();
app.MapAccount();
app.MapOidc();
app.MapAssets();
app.MapMedia();
app.MapScreens();
app.MapGroups();
app.MapSchedules();
app.MapContent();
app.MapAlerts();
app.MapCap();
app.MapSites();
app.MapUsers();
app.MapAudit();
app.MapPlays();
app.MapHub<PlayerHub>(PlayerHubContract.Path);
app.MapPairing();
app.MapHub<PairingHub>(PairingContract.Path).RequireRateLimiting(PairingRateLimit.Name);
// The API described from its endpoints (/openapi/v1.json) and browsable at /api-reference, for Administrators.
app.MapOpenApi().RequireAuthorization(Policies.Administrator);
app.MapScalarApiReference("/api-reference", o => o.DisableDefaultFonts()).RequireAuthorization(Policies.Administrator);
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new AdministratorDashboardFilter()],
    DashboardTitle = "Signage — tâches",
}).RequireAuthorization(Policies.Administrator);
app.MapSignageAdmin();

await app.RunAsync();
return 0;

static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (IsMachinePath(ctx.Request.Path))
    {
        ctx.Response.StatusCode = status;
    }
    else
    {
        ctx.Response.Redirect(ctx.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>Addresses read by programs (the API, the players' hub), which get status codes rather than pages.</summary>
static bool IsMachinePath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
