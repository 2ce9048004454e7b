using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Signage.Core.Media;

/// <summary>
/// Reads what we check in a WebM (Matroska) file: the EBML header's DocType, Segment/Info for the duration and
/// Segment/Tracks for the video codec and size. Elements are walked with seeks up to the first Cluster; media data
/// is never read.
/// </summary>
internal static class WebmReader
{
    const uint EbmlHeader = 0x1A45DFA3, DocType = 0x4282;
    const uint Segment = 0x18538067, Info = 0x1549A966, Tracks = 0x1654AE6B, Cluster = 0x1F43B675;
    const uint TimecodeScale = 0x2AD7B1, DurationId = 0x4489;
    const uint TrackEntry = 0xAE, TrackType = 0x83, CodecId = 0x86, Video = 0xE0, PixelWidth = 0xB0, PixelHeight = 0xBA;
    const int MaxElements = 1_000;
    const int MaxString = 64;

    readonly record struct Element(uint Id, long DataStart, long End, bool UnknownSize)
    {
        public long DataLength => End - DataStart;
    }

    public static async Task<VideoFacts> ReadAsync(SafeFileHandle file, long length, MediaLimits limits, CancellationToken ct)
    {
        var header = await NextAsync(file, 0, length, ct);
        if (header is not { Id: EbmlHeader, UnknownSize: false } ebml)
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        string? docType = null;
        foreach (var child in await ChildrenAsync(file, ebml, ct))
        {
            if (child.Id == DocType)
            {
                docType = await StringAsync(file, child, ct);
            }
        }

        // Plain Matroska (.mkv) may hold any codec; browsers only play WebM.
        if (docType != "webm")
        {
            throw MediaRejectedException.UnknownFormat();
        }

        var segment = (await ChildrenAsync(file, new Element(0, ebml.End, length, true), ct)).FirstOrDefault(e => e.Id == Segment);
        if (segment.Id != Segment)
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        double? seconds = null;
        (int Width, int Height)? size = null;
        foreach (var child in await ChildrenAsync(file, segment, ct))
        {
            if (child.Id == Info)
            {
                seconds = await DurationAsync(file, child, ct);
            }
            else if (child.Id == Tracks)
            {
                size = await VideoTrackAsync(file, child, ct);
            }
        }

        if (seconds is not { } s || !double.IsFinite(s) || s <= 0)
        {
            throw MediaRejectedException.UnknownDuration();
        }

        if (s > limits.MaxVideoSeconds)
        {
            throw MediaRejectedException.TooLong(s, limits.MaxVideoSeconds);
        }

        return size is { } wh ? new VideoFacts(wh.Width, wh.Height, TimeSpan.FromSeconds(s)) : throw MediaRejectedException.NoVideoTrack();
    }

    static async Task<double?> DurationAsync(SafeFileHandle file, Element info, CancellationToken ct)
    {
        ulong scale = 1_000_000;
        double? duration = null;
        foreach (var child in await ChildrenAsync(file, info, ct))
        {
            if (child.Id == TimecodeScale)
            {
                scale = await UnsignedAsync(file, child, ct);
            }
            else if (child.Id == DurationId)
            {
                duration = await FloatAsync(file, child, ct);
            }
        }

        // Duration counts TimecodeScale units, in nanoseconds.
        return duration * scale / 1e9;
    }

    /// <summary>The size of the first video track; every video track must use a codec browsers play from WebM.</summary>
    static async Task<(int Width, int Height)?> VideoTrackAsync(SafeFileHandle file, Element tracks, CancellationToken ct)
    {
        (int, int)? first = null;
        foreach (var entry in await ChildrenAsync(file, tracks, ct))
        {
            if (entry.Id != TrackEntry)
            {
                continue;
            }

            ulong type = 0;
            var codec = "";
            ulong width = 0, height = 0;
            foreach (var field in await ChildrenAsync(file, entry, ct))
            {
                switch (field.Id)
                {
                    case TrackType:
                        type = await UnsignedAsync(file, field, ct);
                        break;
                    case CodecId:
                        codec = await StringAsync(file, field, ct);
                        break;
                    case Video:
                        foreach (var pixel in await ChildrenAsync(file, field, ct))
                        {
                            if (pixel.Id == PixelWidth)
                            {
                                width = await UnsignedAsync(file, pixel, ct);
                            }
                            else if (pixel.Id == PixelHeight)
                            {
                                height = await UnsignedAsync(file, pixel, ct);
                            }
                        }

                        break;
                }
            }

            if (type != 1)
            {
                continue;
            }

            if (codec is not ("V_VP8" or "V_VP9" or "V_AV1"))
            {
                throw MediaRejectedException.WebmCodec(codec.Length > 0 ? $"« {codec} »" : "un format non indiqué");
            }

            first ??= ((int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));
        }

        return first;
    }

    /// <summary>
    /// The children of <paramref name="parent"/>, from their headers only, stopping at the first Cluster (media data
    /// follows) or at an element of unknown size (its end can only be found by parsing it).
    /// </summary>
    static async Task<List<Element>> ChildrenAsync(SafeFileHandle file, Element parent, CancellationToken ct)
    {
        var children = new List<Element>();
        var at = parent.DataStart;
        while (at < parent.End && children.Count < MaxElements)
        {
            var next = await NextAsync(file, at, parent.End, ct);
            if (next is not { } element || element.Id == Cluster)
            {
                break;
            }

            children.Add(element);
            if (element.UnknownSize)
            {
                break;
            }

            at = element.End;
        }

        return children;
    }

    /// <summary>The element starting at <paramref name="at"/>: an ID of 1 to 4 bytes, then a size of 1 to 8 bytes.</summary>
    static async Task<Element?> NextAsync(SafeFileHandle file, long at, long parentEnd, CancellationToken ct)
    {
        var buffer = new byte[12];
        var read = await MediaInspector.ReadAsync(file, at, buffer.AsMemory(0, (int)Math.Min(12, parentEnd - at)), ct);
        if (read < 2)
        {
            return null;
        }

        var idLength = LengthOf(buffer[0]);
        if (idLength is 0 or > 4 || read < idLength + 1)
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        var sizeLength = LengthOf(buffer[idLength]);
        if (sizeLength == 0 || read < idLength + sizeLength)
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        uint id = 0;
        for (var i = 0; i < idLength; i++)
        {
            id = (id << 8) | buffer[i];
        }

        // The size's length marker bit is dropped; all remaining bits set means "unknown size".
        ulong size = buffer[idLength] & (0xFFu >> sizeLength);
        for (var i = 1; i < sizeLength; i++)
        {
            size = (size << 8) | buffer[idLength + i];
        }

        var dataStart = at + idLength + sizeLength;
        var unknown = size == (1UL << (7 * sizeLength)) - 1;
        if (unknown)
        {
            return new Element(id, dataStart, parentEnd, true);
        }

        return size > (ulong)(parentEnd - dataStart)
            ? throw MediaRejectedException.TruncatedVideo()
            : new Element(id, dataStart, dataStart + (long)size, false);
    }

    /// <summary>How many bytes a variable-length integer takes, from the leading zeros of its first byte; 0 if invalid.</summary>
    static int LengthOf(byte first) => first == 0 ? 0 : BitOperations.LeadingZeroCount((uint)first) - 23;

    static async Task<ulong> UnsignedAsync(SafeFileHandle file, Element element, CancellationToken ct)
    {
        if (element.DataLength > 8)
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        var bytes = await BytesAsync(file, element, ct);
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    static async Task<double?> FloatAsync(SafeFileHandle file, Element element, CancellationToken ct)
    {
        if (element.DataLength is not (4 or 8))
        {
            return null;
        }

        var bytes = await BytesAsync(file, element, ct);
        return bytes.Length == 4 ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadDoubleBigEndian(bytes);
    }

    /// <summary>An ASCII string, cut at <see cref="MaxString"/> bytes and at its first NUL (EBML pads with zeros).</summary>
    static async Task<string> StringAsync(SafeFileHandle file, Element element, CancellationToken ct)
    {
        var bytes = await BytesAsync(file, element with { End = element.DataStart + Math.Min(element.DataLength, MaxString) }, ct);
        var end = Array.IndexOf(bytes, (byte)0);
        var text = Encoding.ASCII.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        return new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '.' or '-' ? c : '?')]);
    }

    static async Task<byte[]> BytesAsync(SafeFileHandle file, Element element, CancellationToken ct)
    {
        var buffer = new byte[element.DataLength];
        var read = await MediaInspector.ReadAsync(file, element.DataStart, buffer, ct);
        return read == buffer.Length ? buffer : throw MediaRejectedException.TruncatedVideo();
    }
}
