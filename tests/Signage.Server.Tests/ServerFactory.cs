using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Hub;
using Signage.Core.Accounts;
using Signage.Core.Content;
using Signage.Core.Screens;
using Signage.TestSupport;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Signage.Server.Tests;

/// <summary>The real server on its own database and asset folder, with the Hangfire server off (jobs are run directly).</summary>
public class ServerFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    readonly TempFolder assets = new();

    public string AssetRoot => assets.Path;

    /// <summary>Settings a fixture of its own adds to the usual ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync() => await Database.InitializeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Signage", Database.ConnectionString);
        builder.UseSetting("Signage:Jobs:Enabled", "false");
        builder.UseSetting("Signage:Storage:Root", assets.Path);
        builder.UseSetting("Signage:Admin:Email", "admin@mairie.test");
        builder.UseSetting("Signage:Admin:Password", "Correct-horse-42");
        // Test classes sign in many times a minute from the same (absent) address.
        builder.UseSetting("Signage:SignIn:PerAddressPerMinute", "10000");
        builder.UseSetting("Signage:SignIn:PerAccountPerMinute", "10000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(TestClock.New()));
    }

    /// <summary>Clients send the Origin a browser gives the console's own requests (unsafe API calls carried by the cookie need it).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        assets.Dispose();
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<(CreatedScreen Screen, ScreenGroup Group)> ScreenAsync(string groupName)
    {
        var group = await WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync(groupName));
        var screen = await WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync("Hall", group.Id));
        return (screen, group);
    }

    /// <summary>Publishes and runs the render job as the Hangfire server would.</summary>
    public async Task<Announcement> PublishAndRenderAsync(Guid groupId, string title)
    {
        var announcement = await WithAsync(s => s.GetRequiredService<AnnouncementService>()
            .PublishAsync(new PublishAnnouncement(title, "Texte de l'annonce", groupId)));
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RenderAnnouncementJob>().RunAsync(announcement.Id, CancellationToken.None);
        return announcement;
    }

    /// <summary>A client signed in through the real sign-in form as a new staff member with <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsAsync(string role, params Guid[] sites) => (await PersonAsync(role, sites)).Client;

    public const string StaffPassword = "Staff-password-42";

    /// <summary>A new staff member with <paramref name="role"/>, scoped to <paramref name="sites"/> (none: every site), signed in.</summary>
    public async Task<(string Id, string Email, HttpClient Client)> PersonAsync(string role, params Guid[] sites)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@mairie.test";
        var created = await WithAsync(s => s.GetRequiredService<UserService>().CreateAsync(new NewUser(email, role, sites, StaffPassword)));
        var client = CreateClient(new() { AllowAutoRedirect = false });
        // Administrators sign in with a second factor: enrolled here as the enrolment page would.
        var key = role == Roles.Administrator ? await EnrolAsync(created.User.Id) : null;
        using var signIn = await SignInTests.SignInAsync(client, email, StaffPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        if (key is not null)
        {
            Assert.Equal("/signin/code", new Uri(Server.BaseAddress, signIn.Headers.Location!).AbsolutePath);
            using var second = await SignInTests.SecondStepAsync(client, Rfc6238.Code(key, Services.GetRequiredService<TimeProvider>().GetUtcNow()));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, second.StatusCode);
        }

        return (created.User.Id, email, client);
    }

    /// <summary>Turns MFA on for the person and answers their authenticator key.</summary>
    public Task<string> EnrolAsync(string userId) => WithAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    });

    /// <summary>Signs in without a cookie jar and answers the session cookie, to be replayed by hand.</summary>
    public async Task<string> SessionCookieAsync(string email, string password)
    {
        using var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await client.GetAsync("/signin");
        var antiforgery = Cookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var form = await page.Content.ReadAsStringAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(form),
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(signedIn).Single(c => c.StartsWith("signage.auth=", StringComparison.Ordinal));
    }

    /// <summary>A client that sends exactly this cookie on every request.</summary>
    public HttpClient ClientWithCookie(string cookie)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A connection to the anonymous pairing hub, as a player with no token opens it.</summary>
    public HubConnection PairingConnection() => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, PairingContract.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
        })
        .Build();

    static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    public HubConnection PlayerConnection(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, PlayerHubContract.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult(token);
        })
        .Build();
}
