using Microsoft.Extensions.Time.Testing;

namespace Signage.TestSupport;

/// <summary>
/// The tests' clock: it starts at a fixed instant, so no result depends on the day it runs, and moves
/// a millisecond at each reading, so what is saved one after the other keeps its order.
/// </summary>
public static class TestClock
{
    /// <summary>Monday 15 June 2026, 10:00 in Paris.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider New() => new(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
}
