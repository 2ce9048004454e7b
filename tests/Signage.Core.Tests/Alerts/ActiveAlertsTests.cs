using Microsoft.Extensions.Time.Testing;
using Signage.Core.Alerts;

namespace Signage.Core.Tests.Alerts;

/// <summary>The node's alerts in force are read once a second at most, and never kept stale across a change.</summary>
public sealed class ActiveAlertsTests
{
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    int loads;

    [Fact]
    public async Task ConnectionsWithinASecondShareOneReadAndTheNextSecondReadsAgain()
    {
        using var alerts = new ActiveAlerts(clock);

        for (var i = 0; i < 100; i++)
        {
            await alerts.GetAsync(LoadAsync, CancellationToken.None);
        }

        Assert.Equal(1, loads);
        clock.Advance(ActiveAlerts.MaxAge);
        await alerts.GetAsync(LoadAsync, CancellationToken.None);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task AChangeOnThisNodeIsReadAtOnceEvenWhenItLandsDuringARead()
    {
        using var alerts = new ActiveAlerts(clock);
        await alerts.GetAsync(LoadAsync, CancellationToken.None);
        alerts.Invalidate();
        await alerts.GetAsync(LoadAsync, CancellationToken.None);
        Assert.Equal(2, loads);

        // An alert committed while a read is under way: what that read found is not kept.
        clock.Advance(ActiveAlerts.MaxAge);
        await alerts.GetAsync(async ct =>
        {
            alerts.Invalidate();
            return await LoadAsync(ct);
        }, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(10));
        await alerts.GetAsync(LoadAsync, CancellationToken.None);
        Assert.Equal(4, loads);
    }

    Task<IReadOnlyList<AlertInForce>> LoadAsync(CancellationToken ct)
    {
        loads++;
        return Task.FromResult<IReadOnlyList<AlertInForce>>([]);
    }
}
