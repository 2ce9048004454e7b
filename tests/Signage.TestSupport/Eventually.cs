namespace Signage.TestSupport;

/// <summary>Polls a condition until a deadline instead of sleeping a guessed time.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        Exception? last = null;
        while (elapsed.Elapsed < timeout)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException
                || e is TaskCanceledException { InnerException: TimeoutException })
            {
                last = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.", last);
    }
}
