using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Accounts;
using Signage.Core.Data;

namespace Signage.Server.Tests;

public partial class UserApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AnInvitedEditorChoosesAPasswordThroughTheOneTimeLinkAndSignsIn()
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        var email = $"invitee-{Guid.NewGuid():N}@mairie.test";

        using var invited = await admin.PostAsJsonAsync("/api/users", new { email, role = Roles.Editor });

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var body = JsonDocument.Parse(await invited.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("user").GetProperty("hasPassword").GetBoolean());
        var link = new Uri(body.GetProperty("setPasswordLink").GetString()!);
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        var chosen = await ChoosePasswordAsync(browser, link.PathAndQuery, "Nouveau-mot-de-passe-7");
        var again = await ChoosePasswordAsync(browser, link.PathAndQuery, "Encore-un-autre-mot-8");
        using var signIn = await SignInTests.SignInAsync(browser, email, "Nouveau-mot-de-passe-7");

        Assert.Contains("Votre mot de passe est enregistré.", chosen);
        Assert.Contains("Ce lien n&#x27;est plus valable", again);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var actions = await server.WithAsync(s => s.GetRequiredService<SignageDb>().AuditEntries
            .Where(a => a.Details!.StartsWith(email)).OrderBy(a => a.Id).Select(a => a.Action + " " + a.Actor).ToListAsync());
        Assert.StartsWith("user.invited administrator-", actions[0]);
        Assert.Equal($"user.password-chosen {email}", actions[1]);
    }

    [Fact]
    public async Task TheLastActiveAdministratorCannotBeDisabledDemotedOrDeleted()
    {
        var (myId, _, admin) = await server.PersonAsync(Roles.Administrator);
        var everyone = await admin.GetFromJsonAsync<List<UserRow>>("/api/users");
        foreach (var other in everyone!.Where(u => u.Id != myId && u.Roles.Contains(Roles.Administrator) && !u.Disabled))
        {
            using var disabled = await admin.PostAsync($"/api/users/{other.Id}/disable", null);
            Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        }

        using var disable = await admin.PostAsync($"/api/users/{myId}/disable", null);
        using var demote = await admin.PutAsJsonAsync($"/api/users/{myId}/roles", new { roles = new[] { Roles.Publisher } });
        using var delete = await admin.DeleteAsync($"/api/users/{myId}");

        foreach (var refused in new[] { disable, demote, delete })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("last-administrator", problem.GetProperty("code").GetString());
            Assert.Contains("dernier administrateur actif", problem.GetProperty("detail").GetString());
        }

        var me = await admin.GetFromJsonAsync<UserRow>($"/api/users/{myId}");
        Assert.Equal([Roles.Administrator], me!.Roles);
        Assert.False(me.Disabled);
    }

    [Fact]
    public async Task PublishersAndEditorsAreRefusedThePeopleApi()
    {
        using var publisher = await server.ClientAsAsync(Roles.Publisher);
        using var editor = await server.ClientAsAsync(Roles.Editor);
        using var anonymous = server.CreateClient(new() { AllowAutoRedirect = false });

        using var list = await publisher.GetAsync("/api/users");
        using var create = await editor.PostAsJsonAsync("/api/users", new { email = "pirate@mairie.test", role = Roles.Administrator });
        using var nobody = await anonymous.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.False(await server.WithAsync(s => s.GetRequiredService<SignageDb>().Users.AnyAsync(u => u.Email == "pirate@mairie.test")));
    }

    [Fact]
    public async Task BadPeopleAreValidationProblemsOnTheirFieldsAndCreateNobody()
    {
        var (_, existing, admin) = await server.PersonAsync(Roles.Administrator);
        var email = $"bad-{Guid.NewGuid():N}@mairie.test";

        using var role = await admin.PostAsJsonAsync("/api/users", new { email, role = "Maire" });
        using var weak = await admin.PostAsJsonAsync("/api/users", new { email, role = Roles.Editor, password = "court" });
        using var taken = await admin.PostAsJsonAsync("/api/users", new { email = existing, role = Roles.Editor });
        using var site = await admin.PostAsJsonAsync("/api/users", new { email, role = Roles.Editor, siteIds = new[] { Guid.NewGuid() } });
        using var unknown = await admin.PostAsync($"/api/users/{Guid.NewGuid()}/disable", null);

        Assert.Equal("role", await FieldAsync(role));
        Assert.Equal("password", await FieldAsync(weak));
        Assert.Equal("email", await FieldAsync(taken));
        Assert.Equal("siteIds", await FieldAsync(site));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(await server.WithAsync(s => s.GetRequiredService<SignageDb>().Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task AResetPasswordNoLongerSignsInAndItsLinkSetsANewOne()
    {
        var (_, _, admin) = await server.PersonAsync(Roles.Administrator);
        var (id, email, publisher) = await server.PersonAsync(Roles.Publisher);

        using var reset = await admin.PostAsync($"/api/users/{id}/password-reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var after = await publisher.GetAsync("/api/alerts");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var oldPassword = await SignInTests.SignInAsync(browser, email, ServerFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        var link = new Uri(JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("setPasswordLink").GetString()!);
        Assert.Contains("Votre mot de passe est enregistré.", await ChoosePasswordAsync(browser, link.PathAndQuery, "Tout-nouveau-secret-9"));
        using var newPassword = await SignInTests.SignInAsync(browser, email, "Tout-nouveau-secret-9");
        Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);
    }

    [Fact]
    public async Task ADeletedPersonIsGoneAndCannotSignIn()
    {
        var (_, _, admin) = await server.PersonAsync(Roles.Administrator);
        var (id, email, editor) = await server.PersonAsync(Roles.Editor);

        using var deleted = await admin.DeleteAsync($"/api/users/{id}");
        using var gone = await admin.GetAsync($"/api/users/{id}");
        using var session = await editor.GetAsync("/api/screens/" + Guid.NewGuid() + "/preview");
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInTests.SignInAsync(browser, email, ServerFactory.StaffPassword);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    internal static async Task<string> ChoosePasswordAsync(HttpClient browser, string pathAndQuery, string password)
    {
        var page = await browser.GetStringAsync(pathAndQuery);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password",
            ["__RequestVerificationToken"] = SignInTests.AntiforgeryToken(page),
            ["Input.UserId"] = Hidden(page, "Input.UserId"),
            ["Input.Token"] = Hidden(page, "Input.Token"),
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
        });
        using var response = await browser.PostAsync(pathAndQuery, content);
        return await response.Content.ReadAsStringAsync();
    }

    static string Hidden(string page, string name) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    static async Task<string> FieldAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject()).Name;
    }

    sealed record UserRow(string Id, string Email, List<string> Roles, bool Disabled);
}
