using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Signage.Core.Accounts;
using Signage.TestSupport;

namespace Signage.Server.Tests;

/// <summary>TOTP (RFC 6238) for Administrators: enrolment with the key and QR code, a second sign-in step, recovery codes.</summary>
public partial class MfaTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AnAdministratorEnrolsWithTheKeyThenSignsInWithACodeOrARecoveryCodeOnce()
    {
        var email = $"mfa-{Guid.NewGuid():N}@mairie.test";
        await server.WithAsync(s => s.GetRequiredService<UserService>().CreateAsync(new NewUser(email, Roles.Administrator, Password: ServerFactory.StaffPassword)));
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInTests.SignInAsync(browser, email, ServerFactory.StaffPassword);
        var clock = (FakeTimeProvider)server.Services.GetRequiredService<TimeProvider>();

        var page = await browser.GetStringAsync("/compte/mfa");
        var key = KeyOnPage().Match(page).Groups[1].Value;
        Assert.Contains("data:image/png;base64,", page);
        var wrong = await PostCodeAsync(browser, "/compte/mfa", "mfa", "000000" == Rfc6238.Code(key, clock.GetUtcNow()) ? "111111" : "000000");
        var enrolled = await PostCodeAsync(browser, "/compte/mfa", "mfa", Rfc6238.Code(key, clock.GetUtcNow()));
        var recovery = RecoveryCode().Matches(enrolled).Select(m => m.Groups[1].Value).ToList();
        using var dashboard = await browser.GetAsync("/hangfire");

        Assert.Contains("Ce code ne correspond pas", wrong);
        Assert.Equal(10, recovery.Count);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // The enrolment's code is spent: the sign-in uses the next step's.
        clock.Advance(TotpTokenProvider.Step);
        using var phone = server.CreateClient(new() { AllowAutoRedirect = false });
        using var password = await SignInTests.SignInAsync(phone, email, ServerFactory.StaffPassword);
        using var badCode = await SignInTests.SecondStepAsync(phone, "123456" == Rfc6238.Code(key, clock.GetUtcNow()) ? "654321" : "123456");
        using var goodCode = await SignInTests.SecondStepAsync(phone, Rfc6238.Code(key, clock.GetUtcNow()));
        using var users = await phone.GetAsync("/api/users");
        Assert.Equal("/signin/code", new Uri(phone.BaseAddress!, password.Headers.Location!).AbsolutePath);
        Assert.Contains("Code incorrect ou expir", await badCode.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, goodCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);

        using var spare = server.CreateClient(new() { AllowAutoRedirect = false });
        using var _ = await SignInTests.SignInAsync(spare, email, ServerFactory.StaffPassword);
        using var withRecovery = await SignInTests.SecondStepAsync(spare, recovery[0]);
        using var again = server.CreateClient(new() { AllowAutoRedirect = false });
        using var __ = await SignInTests.SignInAsync(again, email, ServerFactory.StaffPassword);
        using var reused = await SignInTests.SecondStepAsync(again, recovery[0]);
        Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
    }

    [Fact]
    public async Task ACodeAcceptedOnceIsRefusedAgainWithinItsWindowAsIsAnEarlierStepsCode()
    {
        var email = $"replay-{Guid.NewGuid():N}@mairie.test";
        var created = await server.WithAsync(s => s.GetRequiredService<UserService>().CreateAsync(new NewUser(email, Roles.Administrator, Password: ServerFactory.StaffPassword)));
        var key = await server.EnrolAsync(created.User.Id);
        var clock = (FakeTimeProvider)server.Services.GetRequiredService<TimeProvider>();
        var code = Rfc6238.Code(key, clock.GetUtcNow());
        var previousStepCode = Rfc6238.Code(key, clock.GetUtcNow() - TotpTokenProvider.Step);

        using var first = await SecondStepAfterPasswordAsync(email, code);
        // Seen over the shoulder and typed at once elsewhere, still inside its 30-second window.
        using var replayed = await SecondStepAfterPasswordAsync(email, code);
        // The previous step's code is inside the window too (one step of drift), but older than the one accepted.
        using var earlier = await SecondStepAfterPasswordAsync(email, previousStepCode);
        clock.Advance(TotpTokenProvider.Step);
        using var next = await SecondStepAfterPasswordAsync(email, Rfc6238.Code(key, clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("Code incorrect ou expir", await replayed.Content.ReadAsStringAsync());
        Assert.Contains("Code incorrect ou expir", await earlier.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    /// <summary>A new browser's password sign-in, then <paramref name="code"/> at the second step.</summary>
    async Task<HttpResponseMessage> SecondStepAfterPasswordAsync(string email, string code)
    {
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var password = await SignInTests.SignInAsync(browser, email, ServerFactory.StaffPassword);
        Assert.Equal("/signin/code", new Uri(browser.BaseAddress!, password.Headers.Location!).AbsolutePath);
        var answer = await SignInTests.SecondStepAsync(browser, code);
        await answer.Content.LoadIntoBufferAsync();
        return answer;
    }

    static async Task<string> PostCodeAsync(HttpClient client, string page, string form, string code)
    {
        var html = await client.GetStringAsync(page);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = form,
            ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(html),
            ["Input.Code"] = code,
        });
        using var response = await client.PostAsync(page, content);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<code id=\"key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
