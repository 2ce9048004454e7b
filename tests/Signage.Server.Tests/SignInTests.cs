using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;

namespace Signage.Server.Tests;

public partial class SignInTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    const string AdminEmail = "admin@mairie.test";
    const string AdminPassword = "Correct-horse-42";

    [Fact]
    public async Task FirstAdministratorFromConfigurationSignsInAndIsSentToMfaEnrolmentBeforeAnythingElse()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        using var signIn = await SignInAsync(client, AdminEmail, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var dashboard = await client.GetAsync("/hangfire");
        using var api = await client.GetAsync("/api/users");
        Assert.Equal("/compte/mfa", dashboard.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("\"mfa-required\"", await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithAMessage()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        using var signIn = await SignInAsync(client, AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Adresse e-mail ou mot de passe incorrect.", await signIn.Content.ReadAsStringAsync());
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task EditorIsDeniedTheJobDashboardAndThePublishPage()
    {
        await server.WithAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            var editor = new StaffUser { UserName = "redacteur@mairie.test", Email = "redacteur@mairie.test" };
            Assert.True((await users.CreateAsync(editor, "Redacteur-pass-42")).Succeeded);
            return await users.AddToRoleAsync(editor, Roles.Editor);
        });
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInAsync(client, "redacteur@mairie.test", "Redacteur-pass-42");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var dashboard = await client.GetAsync("/hangfire");
        using var publish = await client.GetAsync("/publish");

        Assert.StartsWith("/access-denied", dashboard.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.DoesNotContain("Publier une annonce", await publish.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ANonAsciiReturnUrlSignsInAndRedirectsToThatLocalPage()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        using var signIn = await SignInAsync(client, AdminEmail, AdminPassword, "/signin?ReturnUrl=%2F%C3%A9crans%3Fvue%3Dd%C3%A9tail");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var target = new Uri(client.BaseAddress!, signIn.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, target.Authority);
        Assert.Equal("/%C3%A9crans?vue=d%C3%A9tail", target.PathAndQuery);
        using var dashboard = await client.GetAsync("/hangfire");
        Assert.Equal("/compte/mfa", dashboard.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\\évil.example/")]
    [InlineData("\\evil.example/")]
    public async Task AReturnUrlToAnotherHostSignsInAndRedirectsHome(string returnUrl)
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        using var signIn = await SignInAsync(client, AdminEmail, AdminPassword, "/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var target = new Uri(client.BaseAddress!, signIn.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, target.Authority);
        Assert.Equal("/", target.PathAndQuery);
    }

    internal static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string page = "/signin")
    {
        var form = await client.GetStringAsync(page);
        var token = AntiforgeryToken(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(page, content);
    }

    internal static async Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code, string page = "/signin/code")
    {
        var form = await client.GetStringAsync(page);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin-code",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.Code"] = code,
        });
        return await client.PostAsync(page, content);
    }

    internal static string AntiforgeryToken(string form) => System.Net.WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
