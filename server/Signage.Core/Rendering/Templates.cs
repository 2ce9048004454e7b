using Signage.Core.Content;

namespace Signage.Core.Rendering;

public enum ImageUse
{
    None,
    Optional,
    Required,
}

/// <summary>
/// A slide design. <see cref="Version"/> is part of every render key: bump it when the drawing
/// of the template changes, so slides are drawn again instead of served from the cache.
/// <see cref="Format"/> is how its slides are encoded: PNG for flat colours (small and exact), JPEG over a photo
/// (a quarter to an eighth of the bytes, and encoded several times faster).
/// </summary>
public sealed record SlideTemplate(string Key, string Name, int Version, ImageUse Image, string Description, SlideFormat Format = SlideFormat.Png);

public static class Templates
{
    public const string Banner = "bandeau";
    public const string Split = "image-texte";
    public const string FullImage = "plein-ecran";
    public const string Poster = "affiche";
    public const string Alert = "alerte";
    public const string Internal = "note-interne";

    public static IReadOnlyList<SlideTemplate> All { get; } =
    [
        new(Banner, "Bandeau", 1, ImageUse.None, "Fond aux couleurs de la collectivité, liseré et étiquette de catégorie."),
        new(Split, "Image et texte", 2, ImageUse.Required, "Une image d'un côté, le texte de l'autre (au-dessus en portrait).", SlideFormat.Jpeg),
        new(FullImage, "Image plein écran", 2, ImageUse.Required, "L'image couvre l'écran, le texte sur un dégradé sombre.", SlideFormat.Jpeg),
        new(Poster, "Affiche", 1, ImageUse.None, "Titre centré dans un cadre, pour les événements."),
        new(Alert, "Alerte", 1, ImageUse.None, "Rouge, bandes de danger et pictogramme : pour les alertes."),
        new(Internal, "Note interne", 1, ImageUse.None, "Fond clair et mention « Note interne » : pour les écrans des agents."),
    ];

    public static SlideTemplate? Find(string? key) => All.FirstOrDefault(t => t.Key == key);

    /// <summary>The template proposed for a category.</summary>
    public static string DefaultFor(Category category) => category switch
    {
        Category.Alerte => Alert,
        Category.NoteInterne => Internal,
        Category.Evenement => Poster,
        _ => Banner,
    };

    public static string Label(Category category) => category switch
    {
        Category.Evenement => "Événement",
        Category.FermetureTravaux => "Fermeture / travaux",
        Category.Alerte => "Alerte",
        Category.NoteInterne => "Note interne",
        _ => "Information",
    };
}
