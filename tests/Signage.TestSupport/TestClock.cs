using Microsoft.Extensions.Time.Testing;

namespace Signage.TestSupport;

/// <summary>The tests' clock: a fixed instant, moved only by the test, so no result depends on the day it runs.</summary>
public static class TestClock
{
    /// <summary>Monday 15 June 2026, 10:00 in Paris.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start);
}
