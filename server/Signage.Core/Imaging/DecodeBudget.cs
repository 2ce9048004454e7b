using Microsoft.Extensions.Options;
using Signage.Core.Media;

namespace Signage.Core.Imaging;

/// <summary>
/// How many uploaded images may be decoded at once and how much memory their pixels may take together, reserved
/// from the size each declares in its header (width × height × 4 bytes) before a byte is decoded: a burst of small
/// files that declare large images waits its turn instead of exhausting memory. A decode that does not fit is
/// refused at once (<see cref="ServerBusyException"/>), never queued, so requests do not pile up holding files.
/// </summary>
public sealed class DecodeBudget(IOptions<MediaLimits> options)
{
    /// <summary>A decode of the largest image allowed takes about this long on a small server.</summary>
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    readonly Lock gate = new();
    readonly MediaLimits limits = options.Value;
    long reserved;
    int decoding;

    /// <summary>Bytes reserved by the decodes running now.</summary>
    public long Reserved
    {
        get
        {
            lock (gate)
            {
                return reserved;
            }
        }
    }

    /// <summary>Reserves the memory of decoding a <paramref name="width"/> × <paramref name="height"/> image until the lease is disposed.</summary>
    /// <exception cref="ServerBusyException">Too many decodes run, or their memory and this one's exceed the budget.</exception>
    public IDisposable Reserve(int width, int height)
    {
        var bytes = (long)width * height * 4;
        lock (gate)
        {
            if (decoding >= limits.MaxConcurrentDecodes || reserved + bytes > limits.DecodeMemoryBytes)
            {
                throw ServerBusyException.Decoding(RetryAfter);
            }

            decoding++;
            reserved += bytes;
        }

        return new Lease(this, bytes);
    }

    void Release(long bytes)
    {
        lock (gate)
        {
            decoding--;
            reserved -= bytes;
        }
    }

    sealed class Lease(DecodeBudget budget, long bytes) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
