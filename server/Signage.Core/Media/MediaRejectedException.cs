using System.Globalization;

namespace Signage.Core.Media;

/// <summary>
/// An upload refused for what it contains. <see cref="Code"/> is stable for programs (e.g. "svg", "too-long");
/// the message is French, names the cause and is shown to the person who uploaded the file.
/// </summary>
public sealed class MediaRejectedException(string code, string message) : RefusalException(code, message)
{
    // French numbers with plain spaces between thousands, whatever cultures the host has installed.
    static readonly NumberFormatInfo French = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = " ",
        NumberGroupSizes = [3],
    };

    internal static MediaRejectedException Empty() => new("empty", "Le fichier est vide.");

    internal static MediaRejectedException UnknownFormat() => new(
        "unknown-format", "Format non reconnu : seuls JPEG, PNG, WebP, MP4 (H.264) et WebM sont acceptés.");

    internal static MediaRejectedException Svg() => new(
        "svg", "Les images SVG ne sont pas acceptées (elles peuvent contenir du script).");

    internal static MediaRejectedException Zip() => new("zip", "Ce fichier est une archive ZIP, pas une vidéo.");

    internal static MediaRejectedException Text() => new(
        "text", "Ce fichier contient du texte, pas une image ni une vidéo : seuls JPEG, PNG, WebP, MP4 (H.264) et WebM sont acceptés.");

    internal static MediaRejectedException TruncatedImage() => new(
        "truncated", "L'image est tronquée ou corrompue : elle ne se décode pas entièrement.");

    internal static MediaRejectedException TruncatedVideo() => new(
        "truncated", "La vidéo est tronquée ou corrompue : sa structure est incomplète.");

    /// <summary>A box or element whose size runs past the end of what holds it: a cut file, or a forged size.</summary>
    internal static MediaRejectedException Overrun(string part, long claimed, long left, string container) => new(
        "truncated",
        $"La vidéo est tronquée ou corrompue : {part} annonce {Number(claimed)} octets, mais il n'en reste que {Number(left)} dans {container}.");

    internal static MediaRejectedException TooManyPixels(int width, int height, long maxPixels) => new(
        "too-many-pixels",
        $"L'image déclare {Number(width)} × {Number(height)} pixels ; la limite est de {Decimal(maxPixels / 1_000_000d)} mégapixels.");

    internal static MediaRejectedException SideTooLong(int width, int height, int maxSide) => new(
        "too-many-pixels",
        $"L'image mesure {Number(width)} × {Number(height)} pixels ; la limite est de {Number(maxSide)} pixels par côté.");

    internal static MediaRejectedException Animated() => new(
        "animated", "Les images animées ne sont pas acceptées : envoyez l'animation en vidéo MP4 ou WebM.");

    internal static MediaRejectedException TooLarge(long bytes, long maxBytes) => new(
        "too-large", $"Le fichier pèse {Megabytes(bytes)} ; la limite est de {Megabytes(maxBytes)}.");

    /// <summary>An upload stopped while being received, when it passed the limit: its full size is not known.</summary>
    internal static MediaRejectedException TooLargeUpload(long maxBytes) => new(
        "too-large", $"Le fichier dépasse la limite de {Megabytes(maxBytes)} : l'envoi a été interrompu.");

    internal static MediaRejectedException ImageTooLarge(long bytes, long maxBytes) => new(
        "too-large", $"L'image pèse {Megabytes(bytes)} ; la limite pour une image est de {Megabytes(maxBytes)}.");

    internal static MediaRejectedException TooLong(double seconds, int maxSeconds) => new(
        "too-long", $"La vidéo dure {Duration(seconds)} ; la limite est de {Duration(maxSeconds)}.");

    internal static MediaRejectedException UnknownDuration() => new(
        "unknown-duration",
        "La durée de la vidéo n'est pas indiquée dans le fichier : réenregistrez-la avec un logiciel de montage ou de conversion.");

    internal static MediaRejectedException NoVideoTrack() => new("no-video", "Ce fichier ne contient aucune piste vidéo.");

    internal static MediaRejectedException Mp4Codec(string codec) => new(
        "codec", $"La vidéo MP4 est encodée en {codec} ; seul le H.264 (avc1) est accepté en MP4.");

    internal static MediaRejectedException WebmCodec(string codec) => new(
        "codec", $"La vidéo WebM est encodée en {codec} ; seuls VP8, VP9 et AV1 sont acceptés en WebM.");

    static string Number(long value) => value.ToString("#,0", French);

    static string Decimal(double value) => value.ToString("#,0.#", French);

    // Rounded up, so a file just over the limit never reads as equal to it.
    static string Megabytes(long bytes) => $"{Decimal(Math.Ceiling(bytes / 1024d / 1024d * 10) / 10)} Mo";

    static string Duration(double seconds)
    {
        var total = (long)Math.Min(Math.Ceiling(seconds), long.MaxValue / 2);
        var parts = new List<string>(3);
        if (total >= 3600)
        {
            parts.Add($"{Number(total / 3600)} h");
        }

        if (total % 3600 >= 60)
        {
            parts.Add($"{total % 3600 / 60} min");
        }

        if (total % 60 > 0 || total == 0)
        {
            parts.Add($"{total % 60} s");
        }

        return string.Join(' ', parts);
    }
}
