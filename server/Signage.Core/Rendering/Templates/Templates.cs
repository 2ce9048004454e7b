using Signage.Core.Content;

namespace Signage.Core.Rendering;

public static class Templates
{
    public const string Banner = "bandeau";
    public const string Split = "image-texte";
    public const string FullImage = "plein-ecran";
    public const string Poster = "affiche";
    public const string Alert = "alerte";
    public const string Internal = "note-interne";

    /// <summary>Every template, in the order the publish form offers them.</summary>
    public static IReadOnlyList<SlideTemplate> All { get; } =
    [
        new BannerTemplate(),
        new SplitTemplate(),
        new FullImageTemplate(),
        new PosterTemplate(),
        new AlertTemplate(),
        new InternalNoteTemplate(),
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
