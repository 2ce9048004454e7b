using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Signage.Core.Media;

/// <summary>What a video reader found: the picture as displayed, the duration, and the metadata to blank in the stored copy.</summary>
internal sealed record VideoFacts(int Width, int Height, TimeSpan Duration, IReadOnlyList<Blank> Metadata);

/// <summary>
/// Reads what we check in an MP4 (ISO-BMFF) file by walking its boxes with seeks: only box headers and a few small
/// boxes are read, never the media data, and no size found in the file decides an allocation. Also finds the boxes
/// that carry metadata (<c>udta</c>, <c>meta</c>, <c>uuid</c>: GPS position, camera, XMP), to be overwritten with
/// <c>free</c> boxes of the same size so that no chunk offset (stco/co64) changes.
/// </summary>
internal static class Mp4Reader
{
    // Far more children than any real box has; a file claiming more is refused rather than walked for ever.
    const int MaxChildren = 10_000;

    // HEIF and AVIF still images are ISO-BMFF too, but not videos.
    static readonly string[] ImageBrands = ["mif1", "msf1", "heic", "heix", "heim", "heis", "hevc", "hevx", "avif", "avis", "avci"];

    // Where metadata boxes are found below the top level: in moov, its traks and their mdia. Fixed, so the walk is bounded.
    static readonly string[] MetadataHolders = ["moov", "trak", "mdia"];

    readonly record struct Box(string Type, long Start, long DataStart, long End)
    {
        public long DataLength => End - DataStart;
    }

    public static async Task<VideoFacts> ReadAsync(SafeFileHandle file, long length, MediaLimits limits, CancellationToken ct)
    {
        var top = await ChildrenAsync(file, 0, length, null, ct);
        if (top is not [{ Type: "ftyp" } ftyp, ..])
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        var brands = await ReadAsync(file, ftyp, 64, ct);
        if (brands.Length >= 4 && ImageBrands.Contains(FourCc(brands.AsSpan(0, 4))))
        {
            throw MediaRejectedException.UnknownFormat();
        }

        var moov = top.FirstOrDefault(b => b.Type == "moov");
        if (moov.Type is null || !top.Any(b => b.Type == "mdat"))
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        var movie = await ChildrenAsync(file, moov.DataStart, moov.End, moov.Type, ct);
        var seconds = await DurationAsync(file, movie, ct);
        if (seconds > limits.MaxVideoSeconds)
        {
            throw MediaRejectedException.TooLong(seconds, limits.MaxVideoSeconds);
        }

        (int Width, int Height)? size = null;
        foreach (var trak in movie.Where(b => b.Type == "trak"))
        {
            var track = await TrackAsync(file, trak, ct);
            if (!track.IsVideo)
            {
                continue;
            }

            if (track.Format is not ("avc1" or "avc3"))
            {
                throw MediaRejectedException.Mp4Codec(CodecName(track.Format));
            }

            size ??= (track.Width, track.Height);
        }

        if (size is not { } s)
        {
            throw MediaRejectedException.NoVideoTrack();
        }

        var metadata = new List<Blank>();
        await FindMetadataAsync(file, top, 0, metadata, ct);
        return new VideoFacts(s.Width, s.Height, TimeSpan.FromSeconds(seconds), metadata);
    }

    /// <summary>
    /// Adds a <c>free</c> box for each <c>udta</c>, <c>meta</c> and <c>uuid</c> among <paramref name="boxes"/>, and
    /// looks into the ones that may hold more (<see cref="MetadataHolders"/>). Media data is never read.
    /// </summary>
    static async Task FindMetadataAsync(SafeFileHandle file, List<Box> boxes, int depth, List<Blank> metadata, CancellationToken ct)
    {
        foreach (var box in boxes)
        {
            if (box.Type is "udta" or "meta" or "uuid")
            {
                metadata.Add(Free(box));
            }
            else if (depth < MetadataHolders.Length && box.Type == MetadataHolders[depth])
            {
                await FindMetadataAsync(file, await ChildrenAsync(file, box.DataStart, box.End, box.Type, ct), depth + 1, metadata, ct);
            }
        }
    }

    /// <summary>
    /// A <c>free</c> box over the whole of <paramref name="box"/>, with a header of the same length: a 64-bit size stays
    /// 64-bit; a box that ran to the end of the file (size 0) gets its actual size, which says the same.
    /// </summary>
    static Blank Free(Box box)
    {
        var size = box.End - box.Start;
        var header = new byte[box.DataStart - box.Start];
        if (header.Length == 16)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, 1);
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), (ulong)size);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, size <= uint.MaxValue ? (uint)size : 0);
        }

        "free"u8.CopyTo(header.AsSpan(4));
        return new Blank(box.Start, box.End, header);
    }

    /// <summary>Seconds from moov/mvhd, or from mvex/mehd for a fragmented file whose mvhd leaves it at zero.</summary>
    static async Task<double> DurationAsync(SafeFileHandle file, List<Box> movie, CancellationToken ct)
    {
        var mvhd = movie.FirstOrDefault(b => b.Type == "mvhd");
        if (mvhd.Type is null)
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        // version(1) flags(3), then creation and modification times, timescale and duration: 32-bit in version 0, 64-bit in version 1.
        var data = await ReadAsync(file, mvhd, 32, ct);
        var v1 = data.Length > 0 && data[0] == 1;
        if (data.Length < (v1 ? 32 : 20))
        {
            throw MediaRejectedException.TruncatedVideo();
        }

        var timescale = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(v1 ? 20 : 12));
        var duration = v1 ? BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(24)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(16));
        if (duration == 0 || duration == (v1 ? ulong.MaxValue : uint.MaxValue))
        {
            duration = await FragmentDurationAsync(file, movie, ct);
        }

        return timescale == 0 || duration == 0 ? throw MediaRejectedException.UnknownDuration() : (double)duration / timescale;
    }

    static async Task<ulong> FragmentDurationAsync(SafeFileHandle file, List<Box> movie, CancellationToken ct)
    {
        var mvex = movie.FirstOrDefault(b => b.Type == "mvex");
        if (mvex.Type is null)
        {
            return 0;
        }

        var mehd = (await ChildrenAsync(file, mvex.DataStart, mvex.End, mvex.Type, ct)).FirstOrDefault(b => b.Type == "mehd");
        if (mehd.Type is null)
        {
            return 0;
        }

        var data = await ReadAsync(file, mehd, 12, ct);
        return data switch
        {
            [1, _, _, _, ..] when data.Length >= 12 => BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(4)),
            [0, _, _, _, ..] when data.Length >= 8 => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4)),
            _ => 0,
        };
    }

    sealed record Track(bool IsVideo, string Format, int Width, int Height);

    static async Task<Track> TrackAsync(SafeFileHandle file, Box trak, CancellationToken ct)
    {
        var children = await ChildrenAsync(file, trak.DataStart, trak.End, trak.Type, ct);
        var (width, height) = await PresentationSizeAsync(file, children.FirstOrDefault(b => b.Type == "tkhd"), ct);

        string? handler = null;
        var format = "";
        var mdia = children.FirstOrDefault(b => b.Type == "mdia");
        if (mdia.Type is not null)
        {
            var media = await ChildrenAsync(file, mdia.DataStart, mdia.End, mdia.Type, ct);
            var hdlr = media.FirstOrDefault(b => b.Type == "hdlr");
            if (hdlr.Type is not null)
            {
                // version(1) flags(3) pre_defined(4) handler_type(4)
                var data = await ReadAsync(file, hdlr, 12, ct);
                handler = data.Length == 12 ? FourCc(data.AsSpan(8)) : null;
            }

            var stsd = await DescendAsync(file, media, ["minf", "stbl", "stsd"], ct);
            if (stsd is { } descriptions)
            {
                // version(1) flags(3) entry_count(4), then the first sample entry: size(4) format(4) ...
                // For video it continues with reserved(6) data_reference_index(2) pre_defined(16) width(2) height(2).
                var data = await ReadAsync(file, descriptions, 36, ct);
                if (data.Length >= 16 && BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4)) > 0)
                {
                    format = FourCc(data.AsSpan(12, 4));
                }

                if ((width == 0 || height == 0) && data.Length >= 36)
                {
                    (width, height) = (BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(32)), BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(34)));
                }
            }
        }

        // Without a handler, a track with a picture size is taken as video so its codec is still checked.
        var isVideo = handler == "vide" || (handler is null && width > 0);
        return new Track(isVideo, format, width, height);
    }

    /// <summary>Width and height from tkhd, swapped when its matrix turns the picture a quarter turn (portrait phone videos).</summary>
    static async Task<(int Width, int Height)> PresentationSizeAsync(SafeFileHandle file, Box tkhd, CancellationToken ct)
    {
        if (tkhd.Type is null)
        {
            return (0, 0);
        }

        // version 0: version/flags(4) creation(4) modification(4) track_ID(4) reserved(4) duration(4) = 24 bytes;
        // version 1 has 64-bit times and duration: 36 bytes. Then reserved(8) layer(2) alternate_group(2) volume(2)
        // reserved(2), matrix(9 × 4), width(4) and height(4) in 16.16 fixed point.
        var data = await ReadAsync(file, tkhd, 96, ct);
        var at = data.Length > 0 && data[0] == 1 ? 36 : 24;
        var matrix = at + 16;
        if (data.Length < matrix + 44)
        {
            return (0, 0);
        }

        var width = (int)(BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(matrix + 36)) >> 16);
        var height = (int)(BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(matrix + 40)) >> 16);
        var a = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(matrix));
        var d = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(matrix + 16));
        return a == 0 && d == 0 ? (height, width) : (width, height);
    }

    static async Task<Box?> DescendAsync(SafeFileHandle file, List<Box> children, string[] path, CancellationToken ct)
    {
        Box? found = null;
        foreach (var type in path)
        {
            var box = children.FirstOrDefault(b => b.Type == type);
            if (box.Type is null)
            {
                return null;
            }

            found = box;
            if (type != path[^1])
            {
                children = await ChildrenAsync(file, box.DataStart, box.End, box.Type, ct);
            }
        }

        return found;
    }

    /// <summary>
    /// The boxes between <paramref name="start"/> and <paramref name="end"/> (the data of the box named
    /// <paramref name="parent"/>, or the whole file when null), from their headers only.
    /// </summary>
    static async Task<List<Box>> ChildrenAsync(SafeFileHandle file, long start, long end, string? parent, CancellationToken ct)
    {
        var boxes = new List<Box>();
        var header = new byte[16];
        var at = start;
        // Fewer than 8 bytes left cannot hold a box: some writers pad with zeros, so they are ignored.
        while (end - at >= 8)
        {
            if (boxes.Count == MaxChildren)
            {
                throw MediaRejectedException.TruncatedVideo();
            }

            var read = await MediaInspector.ReadAsync(file, at, header.AsMemory(0, (int)Math.Min(16, end - at)), ct);
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (size == 1)
            {
                // 64-bit size follows the type.
                if (read < 16)
                {
                    throw MediaRejectedException.TruncatedVideo();
                }

                var large = BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                size = large > long.MaxValue ? long.MaxValue : (long)large;
                headerLength = 16;
            }
            else if (size == 0)
            {
                // The box runs to the end of its parent (the file, for the last top-level box).
                size = end - at;
            }

            var type = FourCc(header.AsSpan(4, 4));
            if (size < headerLength)
            {
                throw MediaRejectedException.TruncatedVideo();
            }

            if (size > end - at)
            {
                throw MediaRejectedException.Overrun($"la boîte MP4 « {type} »", size, end - at, parent is null ? "le fichier" : $"la boîte « {parent} »");
            }

            boxes.Add(new Box(type, at, at + headerLength, at + size));
            at += size;
        }

        return boxes;
    }

    /// <summary>At most <paramref name="max"/> bytes from the start of the box's data.</summary>
    static async Task<byte[]> ReadAsync(SafeFileHandle file, Box box, int max, CancellationToken ct)
    {
        var buffer = new byte[(int)Math.Min(max, box.DataLength)];
        var read = await MediaInspector.ReadAsync(file, box.DataStart, buffer, ct);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    static string FourCc(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            chars[i] = bytes[i] is >= 0x20 and < 0x7F ? (char)bytes[i] : '?';
        }

        return new string(chars);
    }

    static string CodecName(string format) => format switch
    {
        "hvc1" or "hev1" => $"H.265/HEVC ({format})",
        "av01" => "AV1 (av01)",
        "vp08" => "VP8 (vp08)",
        "vp09" => "VP9 (vp09)",
        "mp4v" => "MPEG-4 Part 2 (mp4v)",
        "encv" => "un format chiffré (encv)",
        "" => "un format non indiqué",
        _ => $"« {format} »",
    };
}
