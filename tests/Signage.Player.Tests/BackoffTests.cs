using Signage.Player.Sync;

namespace Signage.Player.Tests;

public class BackoffTests
{
    [Fact]
    public void DelaysGrowThenStayUnderTheCap()
    {
        var backoff = new Backoff();
        var first = Enumerable.Range(0, 200).Select(_ => backoff.Delay(0)).Max();
        var late = Enumerable.Range(0, 200).Select(_ => backoff.Delay(30)).ToList();

        Assert.True(first <= TimeSpan.FromMilliseconds(750));
        Assert.True(late.Max() <= TimeSpan.FromSeconds(61));
        Assert.True(late.Max() > TimeSpan.FromSeconds(20), "late retries should wait tens of seconds");
    }

    [Fact]
    public void DelaysAreSpreadSoScreensDoNotReconnectInStep()
    {
        var backoff = new Backoff();
        var delays = Enumerable.Range(0, 100).Select(_ => backoff.Delay(8)).Distinct().Count();
        Assert.True(delays > 90);
    }
}
