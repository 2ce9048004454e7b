using System.Globalization;
using Signage.Core.Accessibility;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>The slide cannot be drawn readably: the message says why and what to change.</summary>
public sealed class SlideRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// What makes a slide refused rather than drawn badly, each with the reason and the fix in French: an unknown
/// template or a picture it cannot take, a picture too large to draw, text that does not fit at the minimum readable
/// size, a word wider than a line, a character no shipped font has, a category label too wide, and text whose
/// contrast with the pixels behind it is below WCAG 1.4.3.
/// </summary>
internal static class SlideChecks
{
    const int MaxImagePixels = 40_000_000;

    static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The slide's template, when it exists and the slide has a picture exactly when the template needs one.</summary>
    public static SlideTemplate TemplateOf(AnnouncementSlide slide)
    {
        var template = Templates.Find(slide.Template)
            ?? throw new SlideRefusedException("template", $"Le modèle « {slide.Template} » n'existe pas.");
        if (template.Image == ImageUse.Required && slide.Image is null)
        {
            throw new SlideRefusedException("image", $"Le modèle « {template.Name} » a besoin d'une image : choisissez-en une dans la médiathèque.");
        }

        if (template.Image == ImageUse.None && slide.Image is not null)
        {
            throw new SlideRefusedException("image", $"Le modèle « {template.Name} » ne montre pas d'image : retirez-la ou choisissez « Image et texte » ou « Image plein écran ».");
        }

        return template;
    }

    public static void EnsureDrawable(SlideImage? image, string field)
    {
        if (image is null)
        {
            return;
        }

        if (image.Width <= 0 || image.Height <= 0)
        {
            throw SlideImage.Unreadable(field);
        }

        if ((long)image.Width * image.Height > MaxImagePixels)
        {
            throw new SlideRefusedException(field, "L'image est trop grande pour être dessinée (40 mégapixels au plus).");
        }
    }

    /// <summary>The title and body at the largest size that fits the frame, refused when even the minimum does not.</summary>
    public static TextBlock Fitted(TextLayout layout, string title, string body, SlideFrame frame, float minimumBody)
    {
        if (layout.Fit(title, body, frame, minimumBody, out var tooWide) is { } block)
        {
            return block;
        }

        if (tooWide is not null)
        {
            throw new SlideRefusedException(tooWide == title ? "title" : "body",
                $"Le mot « {Snippet(tooWide)} » est plus large que l'écran à la plus petite taille lisible : coupez-le ou remplacez-le.");
        }

        throw new SlideRefusedException("body", string.Create(French,
            $"Le texte ne tient pas sur l'écran, même à la plus petite taille lisible ({minimumBody:0} px pour la distance de lecture des écrans) : raccourcissez-le ou répartissez-le sur plusieurs annonces."));
    }

    public static CategoryLabel Fitted(TextLayout layout, string label, SlideFrame frame, float minimumBody) =>
        layout.Label(label, frame, minimumBody)
        ?? throw new SlideRefusedException("category", "L'étiquette de catégorie ne tient pas à cette taille de texte.");

    public static SlideRefusedException MissingGlyphs(IEnumerable<string> missing) =>
        new("body", $"Ces caractères ne peuvent pas être affichés sur les écrans : {string.Join(" ", missing.Distinct())}. Retirez-les (les émojis ne sont pas pris en charge).");

    /// <summary>
    /// The worst contrast between each line's colour and the pixels already drawn behind it, before the text goes
    /// on; throws the refusal for the first line below its required ratio.
    /// </summary>
    public static double WorstContrast(SKCanvas canvas, SKBitmap bitmap, SlidePlan plan)
    {
        canvas.Flush();
        var worst = double.MaxValue;
        foreach (var line in plan.ProbedLines)
        {
            var probe = Contrast.WorstCase(bitmap, line.Bounds, line.Color);
            var required = Contrast.RequiredRatio(line.Large);
            if (probe.Ratio < required)
            {
                var field = plan.Template.Image == ImageUse.None ? "theme" : "image";
                throw new SlideRefusedException(field, string.Create(French,
                    $"En {plan.Grid.Size}, le texte « {Snippet(line.Text)} » ne contraste pas assez avec ce qui est derrière lui : {probe.Ratio:0.0}:1 au pire (sur {Hex(probe.Background)}), {required:0.0}:1 requis. Choisissez une image plus sombre, un autre modèle ou d'autres couleurs de thème."));
            }

            worst = Math.Min(worst, probe.Ratio);
        }

        return worst;
    }

    static string Snippet(string text) => text.Length <= 30 ? text : $"{text[..29]}…";

    static string Hex(SKColor c) => $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}";
}
