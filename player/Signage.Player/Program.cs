using Signage.Contracts;
using Signage.Player.Cache;
using Signage.Player.Display;
using Signage.Player.Journal;
using Signage.Player.Power;
using Signage.Player.Sync;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.WebHost.UseUrls(builder.Configuration["Player:Urls"] ?? "http://127.0.0.1:5080");
// Under systemd (deploy/systemd, Type=notify) it reports when it is ready and logs in the journal's format; a no-op elsewhere.
builder.Services.AddSystemd();

builder.Services.AddOptions<PlayerOptions>().BindConfiguration(PlayerSettings.Section)
    .Validate(o => Uri.TryCreate(o.ServerUrl, UriKind.Absolute, out _), "Player:ServerUrl must be an absolute URL.")
    .Validate(o => o.ScreenWidth is >= 320 and <= 7680 && o.ScreenHeight is >= 320 and <= 7680, "Player:ScreenWidth and Player:ScreenHeight must be 320 to 7680.")
    .Validate(o => o.ReportInterval > TimeSpan.Zero && o.ManifestCheckInterval > TimeSpan.Zero, "Player:ReportInterval and Player:ManifestCheckInterval must be positive.")
    .ValidateOnStart();
#pragma warning disable RS0030 // The host is where the real clock is registered; everything else takes TimeProvider from DI.
builder.Services.AddSingleton(TimeProvider.System);
#pragma warning restore RS0030
builder.Services.AddSingleton<PlayerCache>();
builder.Services.AddSingleton<PlayerState>();
builder.Services.AddSingleton<DeviceIdentity>();
builder.Services.AddSingleton<FleetReporter>();
builder.Services.AddSingleton<PlayJournal>();
builder.Services.AddSingleton<PlayRecorder>();
builder.Services.AddSingleton<PlayUploader>();
// Without a token (configured or stored), the screen shows a pairing code until an Administrator claims it.
builder.Services.AddHostedService<Pairing>();
builder.Services.AddHttpClient(nameof(ManifestSync), c => c.Timeout = TimeSpan.FromMinutes(5));
builder.Services.AddHostedService<ManifestSync>();
builder.Services.AddOptions<PowerOptions>().BindConfiguration("Player:Power");
builder.Services.AddHostedService<DisplayPower>();

var app = builder.Build();
// The play on screen is journalled when the agent stops, ending at the display's last report.
app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<PlayRecorder>().Stop());
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapDisplay();
await app.RunAsync();
