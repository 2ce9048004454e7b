using System.Net;
using System.Net.Http.Json;
using Signage.Core.Accounts;

namespace Signage.Server.Tests;

public class ThemeApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    sealed record Theme(string Name, string Primary, string Accent);

    [Fact]
    public async Task AdministratorSetsTheColoursAndAnUnreadableColourIsRefused()
    {
        using var admin = await server.ClientAsAsync(Roles.Administrator);
        using var publisher = await server.ClientAsAsync(Roles.Publisher);

        using var denied = await publisher.PutAsJsonAsync("/api/theme", new { name = "Ville", primary = "#123456", accent = "#F2B134" });
        using var grey = await admin.PutAsJsonAsync("/api/theme", new { name = "Ville", primary = "#808080", accent = "#F2B134" });
        using var malformed = await admin.PutAsJsonAsync("/api/theme", new { name = "Ville", primary = "bleu", accent = "#F2B134" });
        using var ok = await admin.PutAsJsonAsync("/api/theme", new { name = "Ville de Montreuil", primary = "#004B87", accent = "#FFD200" });
        var current = await publisher.GetFromJsonAsync<Theme>("/api/theme");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, grey.StatusCode);
        Assert.Contains("4,5:1", await grey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(new Theme("Ville de Montreuil", "#004B87", "#FFD200"), current);
    }
}
