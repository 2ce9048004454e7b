using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

public class TickerTests
{
    static readonly DateTimeOffset Noon = new(2026, 11, 28, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LinesTakeTurnsStillForEightSecondsEach()
    {
        var a = new TickerLine(Guid.NewGuid(), "Piscine fermée lundi");
        var b = new TickerLine(Guid.NewGuid(), "Marché de Noël samedi");
        var body = Body([a, b]);
        var start = DateTimeOffset.FromUnixTimeSeconds(16 * 1_000_000);

        Assert.Equal(a, Ticker.At(body, start));
        Assert.Equal(a, Ticker.At(body, start.AddSeconds(7)));
        Assert.Equal(b, Ticker.At(body, start.AddSeconds(8)));
        Assert.Equal(a, Ticker.At(body, start.AddSeconds(16)));
    }

    [Fact]
    public void ExpiredOrMissingLinesShowNothing()
    {
        var line = new TickerLine(Guid.NewGuid(), "Vote ce dimanche", new PlayWindow(Until: Noon));
        Assert.Equal(line, Ticker.At(Body([line]), Noon.AddSeconds(-1)));
        Assert.Null(Ticker.At(Body([line]), Noon));
        Assert.Null(Ticker.At(Body(null), Noon));
    }

    static ManifestBody Body(IReadOnlyList<TickerLine>? lines) =>
        new(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), [], null, lines);
}
