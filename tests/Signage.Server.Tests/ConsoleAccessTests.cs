using System.Net;
using Signage.Server.Screens;

namespace Signage.Server.Tests;

public class ConsoleAccessTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/hangfire")]
    public async Task AnonymousVisitorIsSentToTheSignInPage(string path)
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task SignInPageIsInFrench()
    {
        using var client = server.CreateClient();

        var html = await client.GetStringAsync("/signin");

        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Adresse e-mail", html);
        Assert.Contains("Mot de passe", html);
    }

    [Fact]
    public async Task CliCreatesAScreenWhoseTokenOpensTheHub()
    {
        using var output = new StringWriter();

        var exit = await ScreenCli.RunAsync(server.Services, ["screens", "create", "--name", "Hall CLI", "--group", "Groupe CLI"], output);

        Assert.Equal(0, exit);
        var token = output.ToString().Split('\n').Single(l => l.StartsWith("token=", StringComparison.Ordinal))["token=".Length..].Trim();
        await using var connection = server.PlayerConnection(token);
        await connection.StartAsync();
    }

    [Fact]
    public async Task CliExplainsItsUsageOnBadArguments()
    {
        using var output = new StringWriter();

        var exit = await ScreenCli.RunAsync(server.Services, ["screens", "create", "--name"], output);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", output.ToString());
    }
}
