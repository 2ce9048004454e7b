using Signage.Contracts.Manifests;
using Signage.Player.Display;

namespace Signage.Player.Tests;

public class DisplayStatusTests
{
    [Fact]
    public void StatusCarriesTheTickerLineOnScreenNow()
    {
        var state = new PlayerState(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero)));
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), [], null,
            [new TickerLine(Guid.NewGuid(), "Fermeture de la mairie à 16 h")]);
        state.Use(new ScreenManifest(1, ManifestCanonical.Hash(body), body));

        var status = DisplayApi.Status(state);

        Assert.Equal("Fermeture de la mairie à 16 h", status.Ticker);
        Assert.Null(status.Current);
    }
}
