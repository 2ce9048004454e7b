using System.Net;
using Signage.Core.Accounts;
using Signage.Server.Accounts;

namespace Signage.Server.Tests;

/// <summary>The first steps on a server, before anyone can open the console.</summary>
public class UserCliTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task TheCommandLineAddsAPublisherSetsTheirPasswordListsAndDisablesThem()
    {
        var email = $"cli-{Guid.NewGuid():N}@mairie.test";

        var (added, addOutput) = await RunAsync(["users", "add", "--email", email, "--role", Roles.Publisher]);
        var (set, _) = await RunAsync(["users", "set-password", "--email", email], "Mot-de-passe-en-ligne-3\n");
        using var browser = server.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInTests.SignInAsync(browser, email, "Mot-de-passe-en-ligne-3");
        var (listed, list) = await RunAsync(["users", "list"]);
        var (disabled, _) = await RunAsync(["users", "disable", "--email", email]);
        using var after = await browser.GetAsync("/api/alerts");
        var (_, listAfter) = await RunAsync(["users", "list"]);

        Assert.Equal([0, 0, 0, 0], new[] { added, set, listed, disabled });
        Assert.Contains("set-password=/compte/mot-de-passe?utilisateur=", addOutput);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains($"{email}\tPublisher\t*\tactive", list);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains($"{email}\tPublisher\t*\tdisabled", listAfter);
    }

    [Fact]
    public async Task TheCommandLineRefusesAnUnknownRoleAndExplainsItsUsage()
    {
        var (refused, message) = await RunAsync(["users", "add", "--email", "x@mairie.test", "--role", "Maire"]);
        var (usage, help) = await RunAsync(["users", "add"]);

        Assert.Equal(1, refused);
        Assert.Contains("error: Le rôle est Administrator", message);
        Assert.Equal(2, usage);
        Assert.Contains("usage: users list", help);
    }

    async Task<(int Exit, string Output)> RunAsync(string[] args, string input = "")
    {
        using var reader = new StringReader(input);
        using var output = new StringWriter();
        var exit = await UserCli.RunAsync(server.Services, args, reader, output);
        return (exit, output.ToString());
    }
}
