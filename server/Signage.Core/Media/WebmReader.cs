using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Signage.Core.Media;

/// <summary>
/// Reads what we check in a WebM (Matroska) file: the EBML header's DocType, Segment/Info for the duration and
/// Segment/Tracks for the video codec and size. Elements are walked with seeks; media data is never read. Also finds
/// the metadata to overwrite with Void elements of the same length (see <see cref="FindMetadataAsync"/>).
/// </summary>
internal static class WebmReader
{
    const uint EbmlHeader = 0x1A45DFA3, DocType = 0x4282;
    const uint Segment = 0x18538067, SeekHead = 0x114D9B74, Info = 0x1549A966, Tracks = 0x1654AE6B, Cluster = 0x1F43B675;
    const uint Cues = 0x1C53BB6B, Chapters = 0x1043A770, Tags = 0x1254C367, Attachments = 0x1941A469;
    const uint Seek = 0x4DBB, SeekId = 0x53AB, Crc32 = 0xBF, VoidId = 0xEC;
    const uint TimecodeScale = 0x2AD7B1, DurationId = 0x4489, Title = 0x7BA9, DateUtc = 0x4461, SegmentFilename = 0x7384;
    const uint TrackEntry = 0xAE, TrackType = 0x83, CodecId = 0x86, Video = 0xE0, PixelWidth = 0xB0, PixelHeight = 0xBA;
    const int MaxElements = 1_000;
    const int MaxString = 64;

    // Headers read while walking a whole Segment: far more Clusters, or blocks of Clusters of unknown size, than
    // ten minutes of video hold; a file claiming more is refused rather than walked for ever.
    const int MaxSegmentElements = 500_000;

    // The elements that may stand directly in a Segment: one of them ends a Cluster of unknown size.
    static readonly uint[] SegmentChildren = [SeekHead, Info, Tracks, Cluster, Cues, Chapters, Tags, Attachments, Segment, EbmlHeader];

    readonly record struct Element(uint Id, long Start, long DataStart, long End, bool UnknownSize)
    {
        public long DataLength => End - DataStart;
    }

    public static async Task<VideoFacts> ReadAsync(SafeFileHandle file, long length, MediaLimits limits, CancellationToken ct)
    {
        var header = await NextAsync(file, 0, length, 0, ct);
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

        var segment = (await ChildrenAsync(file, new Element(0, ebml.End, ebml.End, length, true), ct)).FirstOrDefault(e => e.Id == Segment);
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

        if (size is not { } wh)
        {
            throw MediaRejectedException.NoVideoTrack();
        }

        return new VideoFacts(wh.Width, wh.Height, TimeSpan.FromSeconds(s), await FindMetadataAsync(file, segment, ct));
    }

    /// <summary>
    /// Void elements over the Segment's metadata: Tags (GPS position, camera, any text the writer chose) and Attachments
    /// (cover pictures, fonts), wherever they stand, Clusters included; the SeekHead entries that point to them, so that
    /// no index names what is gone; and Info's Title, DateUTC and SegmentFilename. Info's MuxingApp and WritingApp are
    /// kept: Matroska requires them and they name software, not people.
    /// </summary>
    static async Task<List<Blank>> FindMetadataAsync(SafeFileHandle file, Element segment, CancellationToken ct)
    {
        var metadata = new List<Blank>();
        var at = segment.DataStart;
        var inUnknownCluster = false;
        for (var count = 0; at < segment.End; count++)
        {
            if (count == MaxSegmentElements)
            {
                throw MediaRejectedException.TruncatedVideo();
            }

            if (await NextAsync(file, at, segment.End, segment.Id, ct) is not { } element)
            {
                break;
            }

            if (inUnknownCluster && !SegmentChildren.Contains(element.Id))
            {
                // A block of a Cluster of unknown size, which ends where the next element of the Segment starts.
                at = element.UnknownSize ? throw MediaRejectedException.TruncatedVideo() : element.End;
                continue;
            }

            // Only a Cluster may leave its size unknown here: any other element's end could not be found.
            inUnknownCluster = element.UnknownSize && element.Id == Cluster;
            if (element.UnknownSize && !inUnknownCluster)
            {
                throw MediaRejectedException.TruncatedVideo();
            }

            switch (element.Id)
            {
                case Tags or Attachments:
                    metadata.Add(Void(element));
                    break;
                case SeekHead:
                    metadata.AddRange(await VoidChildrenAsync(file, element, child => PointsToMetadataAsync(file, child, ct), ct));
                    break;
                case Info:
                    metadata.AddRange(await VoidChildrenAsync(file, element, child => Task.FromResult(child.Id is Title or DateUtc or SegmentFilename), ct));
                    break;
            }

            at = inUnknownCluster ? element.DataStart : element.End;
        }

        return metadata;
    }

    /// <summary>Void elements over the children <paramref name="voided"/> picks, and over the parent's CRC-32, which would no longer match.</summary>
    static async Task<List<Blank>> VoidChildrenAsync(SafeFileHandle file, Element parent, Func<Element, Task<bool>> voided, CancellationToken ct)
    {
        var children = await ChildrenAsync(file, parent, ct);
        var blanks = new List<Blank>();
        foreach (var child in children)
        {
            if (await voided(child))
            {
                blanks.Add(Void(child));
            }
        }

        if (blanks.Count > 0)
        {
            blanks.AddRange(children.Where(c => c.Id == Crc32).Select(Void));
        }

        return blanks;
    }

    static async Task<bool> PointsToMetadataAsync(SafeFileHandle file, Element seek, CancellationToken ct)
    {
        if (seek.Id != Seek)
        {
            return false;
        }

        foreach (var field in await ChildrenAsync(file, seek, ct))
        {
            if (field.Id == SeekId && field.DataLength <= 4)
            {
                var id = (await BytesAsync(file, field, ct)).Aggregate(0u, (value, b) => (value << 8) | b);
                return id is Tags or Attachments;
            }
        }

        return false;
    }

    /// <summary>
    /// A Void element over the whole of <paramref name="element"/>: its one-byte ID, a size of up to 8 bytes (a longer
    /// size field than the value needs is valid EBML, so any length from 2 bytes can be matched exactly), then zeros.
    /// </summary>
    static Blank Void(Element element)
    {
        var length = element.End - element.Start;
        var sizeLength = (int)Math.Min(8, length - 1);
        var header = new byte[1 + sizeLength];
        header[0] = (byte)VoidId;
        var size = (ulong)(length - 1 - sizeLength);
        for (var i = sizeLength; i >= 1; i--)
        {
            header[i] = (byte)size;
            size >>= 8;
        }

        header[1] |= (byte)(0x80 >> (sizeLength - 1));
        return new Blank(element.Start, element.End, header);
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
            var next = await NextAsync(file, at, parent.End, parent.Id, ct);
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

    /// <summary>
    /// The element starting at <paramref name="at"/> inside the element <paramref name="parentId"/> (0: the file itself):
    /// an ID of 1 to 4 bytes, then a size of 1 to 8 bytes.
    /// </summary>
    static async Task<Element?> NextAsync(SafeFileHandle file, long at, long parentEnd, uint parentId, CancellationToken ct)
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
            return new Element(id, at, dataStart, parentEnd, true);
        }

        var left = parentEnd - dataStart;
        return size > (ulong)left
            ? throw MediaRejectedException.Overrun(
                $"l'élément WebM « {NameOf(id)} »", (long)Math.Min(size, long.MaxValue), left, parentId == 0 ? "le fichier" : $"l'élément « {NameOf(parentId)} »")
            : new Element(id, at, dataStart, dataStart + (long)size, false);
    }

    static string NameOf(uint id) => id switch
    {
        Segment => "Segment",
        SeekHead => "SeekHead",
        Info => "Info",
        Tracks => "Tracks",
        Cluster => "Cluster",
        Cues => "Cues",
        Chapters => "Chapters",
        Tags => "Tags",
        Attachments => "Attachments",
        _ => $"0x{id:X}",
    };

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
