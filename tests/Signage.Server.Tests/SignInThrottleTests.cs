using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Data;

namespace Signage.Server.Tests;

/// <summary>A server whose sign-in limits are small, and whose test clients say which address they sign in from.</summary>
public sealed class ThrottledServerFactory : ServerFactory
{
    public const string AddressHeader = "X-Test-Client-Address";

    public CountingHasher Hasher { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Signage:SignIn:FreeFailures"] = "3",
        ["Signage:SignIn:PerAddressPerMinute"] = "8",
        ["Signage:SignIn:PerAccountPerMinute"] = "7",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<IPasswordHasher<StaffUser>>(Hasher);
            s.AddTransient<IStartupFilter, ClientAddressFilter>();
        });
    }

    /// <summary>Counts the password hashes checked: the work that would tell an existing account by its time.</summary>
    public sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        readonly PasswordHasher<StaffUser> inner = new();
        int verified;

        public int Verified => verified;

        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>TestServer has no client address: this gives each request the one its test names.</summary>
    sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}

public partial class SignInThrottleTests(ThrottledServerFactory server) : IClassFixture<ThrottledServerFactory>
{
    const string AdminEmail = "admin@mairie.test";
    const string AdminPassword = "Correct-horse-42";

    [Fact]
    public async Task AWrongPasswordForAnExistingAccountAndAnUnknownAccountGetTheSameAnswerAndTheSameWork()
    {
        var before = server.Hasher.Verified;
        using var existing = await SignInFromAsync("192.0.2.1", AdminEmail, "pas-le-bon-mot");
        var afterExisting = server.Hasher.Verified;
        using var unknown = await SignInFromAsync("192.0.2.1", "personne@mairie.test", "pas-le-bon-mot");

        Assert.Equal(existing.StatusCode, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(Page(await existing.Content.ReadAsStringAsync(), AdminEmail), Page(await unknown.Content.ReadAsStringAsync(), "personne@mairie.test"));
        Assert.Equal(1, afterExisting - before);
        Assert.Equal(1, server.Hasher.Verified - afterExisting);
        Assert.Contains(await AuditAsync("account.sign-in-failed"), d => d.StartsWith("personne@mairie.test depuis 192.0.2.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GuessesFromOneAddressMakeThatAddressWaitWhileTheAdministratorStillSignsInFromTheirs()
    {
        for (var i = 0; i < 2; i++)
        {
            using var guess = await SignInFromAsync("198.51.100.7", AdminEmail, $"essai-{i}");
            Assert.Contains("Adresse e-mail ou mot de passe incorrect.", WebUtility.HtmlDecode(await guess.Content.ReadAsStringAsync()));
        }

        // The third failure (FreeFailures) starts the wait, and says so.
        using var third = await SignInFromAsync("198.51.100.7", AdminEmail, "essai-2");
        Assert.Contains("réessayez dans 30 secondes", WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()));

        using var rightButWaiting = await SignInFromAsync("198.51.100.7", AdminEmail, AdminPassword);
        using var fromTheirDesk = await SignInFromAsync("203.0.113.20", AdminEmail, AdminPassword);

        Assert.Equal(HttpStatusCode.OK, rightButWaiting.StatusCode);
        Assert.Matches(@"Trop d'essais pour ce compte depuis ce poste : réessayez dans \d+ secondes\.", WebUtility.HtmlDecode(await rightButWaiting.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, fromTheirDesk.StatusCode);
        Assert.Contains(await AuditAsync("account.sign-in-throttled"), d => d.StartsWith("admin@mairie.test depuis 198.51.100.7", StringComparison.Ordinal));
        await using var db = server.Database.CreateDb();
        var admin = await db.Users.SingleAsync(u => u.Email == AdminEmail);
        Assert.Null(admin.LockoutEnd);
    }

    [Fact]
    public async Task OneAddressOverItsLimitIsAnswered429WithRetryAfterAndAudited()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 9; i++)
        {
            answers.Add(await SignInFromAsync("192.0.2.99", $"agent-{i}@mairie.test", "pas-le-bon-mot"));
        }

        Assert.All(answers.Take(8), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[8].StatusCode);
        Assert.NotNull(answers[8].Headers.RetryAfter?.Delta);
        Assert.Contains("Trop de tentatives de connexion", WebUtility.HtmlDecode(await answers[8].Content.ReadAsStringAsync()));
        Assert.Contains(await AuditAsync("account.sign-in-rate-limited"), d => d.EndsWith("depuis 192.0.2.99", StringComparison.Ordinal));
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task OneAccountGuessedFromManyAddressesIsAnswered429()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await SignInFromAsync($"198.18.0.{i + 1}", "elu@mairie.test", "pas-le-bon-mot"));
        }

        Assert.All(answers.Take(7), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[7].StatusCode);
        Assert.NotNull(answers[7].Headers.RetryAfter?.Delta);
        answers.ForEach(a => a.Dispose());
    }

    async Task<HttpResponseMessage> SignInFromAsync(string address, string email, string password)
    {
        var client = server.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ThrottledServerFactory.AddressHeader, address);
        return await SignInTests.SignInAsync(client, email, password);
    }

    async Task<List<string>> AuditAsync(string action)
    {
        await using var db = server.Database.CreateDb();
        return await db.AuditEntries.Where(a => a.Action == action).Select(a => a.Details!).ToListAsync();
    }

    /// <summary>The page without its per-request antiforgery token and the address typed.</summary>
    static string Page(string html, string email) => AntiforgeryValue().Replace(html, "").Replace(email, "", StringComparison.Ordinal);

    [GeneratedRegex("CfDJ8[A-Za-z0-9_+/=-]+")]
    private static partial Regex AntiforgeryValue();
}
