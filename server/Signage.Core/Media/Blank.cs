namespace Signage.Core.Media;

/// <summary>
/// A stretch of a video file that holds metadata, overwritten in the stripped copy by <see cref="Header"/> (the header of
/// the container's filler: an MP4 <c>free</c> box, a Matroska <c>Void</c> element) followed by zeros up to
/// <see cref="End"/>. The filler spans exactly the bytes it replaces, so no offset in the file moves.
/// </summary>
internal sealed record Blank(long Start, long End, byte[] Header)
{
    static readonly byte[] Zeros = new byte[64 * 1024];

    /// <summary>Overwrites each stretch of the file at <paramref name="path"/> in place, with seeks: the rest is not read.</summary>
    public static async Task WriteAsync(string path, IEnumerable<Blank> blanks, CancellationToken ct)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
        foreach (var blank in blanks)
        {
            await RandomAccess.WriteAsync(file, blank.Header, blank.Start, ct);
            for (var at = blank.Start + blank.Header.Length; at < blank.End; at += Zeros.Length)
            {
                await RandomAccess.WriteAsync(file, Zeros.AsMemory(0, (int)Math.Min(Zeros.Length, blank.End - at)), at, ct);
            }
        }
    }
}
