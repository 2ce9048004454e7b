using Signage.Core.Content;
using Signage.Core.Imaging;
using Signage.Core.Rendering;
using SkiaSharp;

namespace Signage.TestSupport;

/// <summary>Typical announcements for each template, with a photo-like image drawn by the test itself; the caller disposes the image.</summary>
public static class SampleSlides
{
    public static readonly RenderSize[] Sizes = [new(1280, 720), new(1920, 1080), new(3840, 2160), new(1080, 1920)];

    public static AnnouncementSlide For(string template) => template switch
    {
        Templates.Split => new AnnouncementSlide(
            "La médiathèque s'agrandit", "Nouvel espace jeunesse ouvert le mercredi 2 décembre.\n- Heure du conte à 10 h 30\n- Atelier numérique à 15 h",
            template, Category.Information, Image: SlideImage.FromBytes(Photo(1600, 1200))),
        Templates.FullImage => new AnnouncementSlide(
            "Marché de Noël", "Place de la mairie, du vendredi 11 au dimanche 13 décembre, de 10 h à 19 h.",
            template, Category.Evenement, "https://www.mairie-exemple.fr/noel", SlideImage.FromBytes(Photo(2400, 1600))),
        Templates.Poster => new AnnouncementSlide(
            "Concert du Nouvel An", "Samedi 9 janvier à 20 h 30, salle des fêtes. Entrée libre !", template, Category.Evenement, "https://www.mairie-exemple.fr/concert"),
        Templates.Alert => new AnnouncementSlide(
            "Coupure d'eau", "Rue des Lilas et avenue Jean-Jaurès : l'eau sera coupée de 9 h à 16 h.", template, Category.Alerte),
        Templates.Internal => new AnnouncementSlide(
            "Formation incendie", "Les agents du 2e étage sont attendus salle B jeudi à 14 h.\n\nPensez à signer la feuille de présence.", template, Category.NoteInterne),
        _ => new AnnouncementSlide(
            "Travaux rue Victor-Hugo", "Circulation alternée du lundi 30 novembre au vendredi 18 décembre. Le bus 12 est dévié : arrêt provisoire place du Marché.",
            template, Category.FermetureTravaux),
    };

    /// <summary>A deterministic photo-like picture: a sky gradient, a sun and hills.</summary>
    public static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height), [new SKColor(0x4A, 0x90, 0xD9), new SKColor(0xF5, 0xD0, 0x9A)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, sky);
            using var sun = new SKPaint { Color = new SKColor(0xFF, 0xE0, 0x66), IsAntialias = true };
            canvas.DrawCircle(width * 0.7f, height * 0.3f, height * 0.12f, sun);
            using var hill = new SKPaint { Color = new SKColor(0x2E, 0x7D, 0x32), IsAntialias = true };
            canvas.DrawOval(width * 0.3f, height * 0.95f, width * 0.6f, height * 0.35f, hill);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A camera-like JPEG (quality 90): the same scene with grain and fine texture everywhere, so it weighs and decodes
    /// like a real 12-megapixel photo (a few megabytes) rather than like a flat drawing. Deterministic.
    /// </summary>
    public static byte[] LargePhoto(int width = 4000, int height = 3000)
    {
        using var scene = SKBitmap.Decode(Photo(width, height));
        using var bitmap = scene.Copy(SKColorType.Rgba8888);
        var pixels = bitmap.GetPixelSpan();
        var random = new Random(42);
        Span<byte> grain = stackalloc byte[3];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            random.NextBytes(grain);
            // Grain of ±6 levels per channel, plus a ripple that varies from row to row like foliage or stone.
            var ripple = (((i / 4 % width) ^ (i / 4 / width)) % 11) - 5;
            for (var c = 0; c < 3; c++)
            {
                pixels[i + c] = (byte)Math.Clamp(pixels[i + c] + (grain[c] % 13) - 6 + ripple, 0, 255);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
