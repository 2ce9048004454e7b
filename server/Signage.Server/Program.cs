using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.States;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Signage.Admin;
using Signage.Contracts.Hub;
using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Data;
using Signage.Core.Jobs;
using Signage.Core.Media;
using Signage.Core.Scheduling;
using Signage.Server;
using Signage.Server.Accounts;
using Signage.Server.Content;
using Signage.Server.Jobs;
using Signage.Server.Media;
using Signage.Server.Scheduling;
using Signage.Server.Screens;

var builder = WebApplication.CreateBuilder(args);
// Serves the console's assets from a build output too (a no-op on published output).
builder.WebHost.UseStaticWebAssets();
var connectionString = builder.Configuration.RequireConnectionString();

builder.Services.AddSignageCore(connectionString);
#pragma warning disable RS0030 // The host is where the real clock is registered; everything else takes TimeProvider from DI.
builder.Services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
builder.Services.AddSingleton<ConnectedScreens>();
builder.Services.AddSingleton<IScreenNotifier, HubScreenNotifier>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ValidationExceptionHandler>();
// A malformed request body is the caller's error (400), not the server's (500).
builder.Services.Configure<ExceptionHandlerOptions>(o =>
    o.StatusCodeSelector = e => e switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        Signage.Core.ValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    });
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme)
    .AddScheme<AuthenticationSchemeOptions, DeviceAuthenticationHandler>(DeviceAuthenticationHandler.SchemeName, null)
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/signin";
    o.AccessDeniedPath = "/access-denied";
    o.Cookie.Name = "signage.auth";
    o.Cookie.SameSite = SameSiteMode.Strict;
    // APIs and the hub answer 401/403 instead of redirecting to the sign-in page.
    o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
});
builder.Services.AddIdentityCore<StaffUser>(o => o.Password.RequiredLength = 12)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<SignageDb>()
    .AddSignInManager()
    .AddDefaultTokenProviders();
builder.Services.AddAuthorization(Policies.Add);

builder.Services.AddHangfire(c => c
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UsePostgreSqlStorage(
        o => o.UseNpgsqlConnection(connectionString),
        JobStorageSetup.Options(builder.Configuration["Signage:Jobs:Schema"])));
if (builder.Configuration.GetValue("Signage:Jobs:Enabled", true))
{
    builder.Services.AddHangfireServer(o =>
    {
        o.WorkerCount = builder.Configuration.GetValue("Signage:Jobs:Workers", Math.Max(2, Environment.ProcessorCount));
        // Renders and manifest refreshes first; media copies when no render waits.
        o.Queues = [EnqueuedState.DefaultQueue, MediaCopiesJob.Queue];
    });
}

builder.Services.AddSignalR();
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
}

var recurringJobs = app.Services.GetRequiredService<IRecurringJobManager>();
recurringJobs.AddOrUpdate<RefreshManifestsJob>(RefreshManifestsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
recurringJobs.AddOrUpdate<StaleUploadsJob>(StaleUploadsJob.Id, job => job.Run(CancellationToken.None), Cron.Hourly());

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLocalization(o => o.SetDefaultCulture("fr-FR").AddSupportedCultures("fr-FR", "en").AddSupportedUICultures("fr-FR", "en"));
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapGet("/healthz", () => TypedResults.Ok("ok")).AllowAnonymous();
app.MapAccount();
app.MapAssets();
app.MapMedia();
app.MapScreens();
app.MapSchedules();
app.MapContent();
app.MapSites();
app.MapHub<PlayerHub>(PlayerHubContract.Path);
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
    if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
    {
        ctx.Response.StatusCode = status;
    }
    else
    {
        ctx.Response.Redirect(ctx.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
