using Signage.Core.Content;
using Signage.Core.Rendering;

namespace Signage.Core.Alerts;

/// <summary>A ready-made alert: its wording is fixed, so its slides are drawn ahead of need.</summary>
/// <param name="Key">Stable key, as the API takes it.</param>
/// <param name="Label">Its name in the console.</param>
/// <param name="HiddenFromStreet">Never shown on a screen seen from the street (PPMS intrusion: the intruder must not read it).</param>
public sealed record AlertTemplate(string Key, string Label, string Title, string Body, bool HiddenFromStreet = false);

/// <summary>
/// The alerts a town hall raises most, worded after the usual safety instructions (evacuation,
/// sheltering, PPMS intrusion), drawn at every screen size at start-up and whenever the theme or the
/// fleet changes (<see cref="PrerenderJob"/>), so raising one draws nothing.
/// </summary>
public static class AlertTemplates
{
    public static IReadOnlyList<AlertTemplate> All { get; } =
    [
        new("evacuation", "Évacuation", "Évacuation immédiate",
            "Quittez le bâtiment par la sortie la plus proche. N'utilisez pas les ascenseurs. Rejoignez le point de rassemblement."),
        new("confinement", "Confinement", "Confinement",
            "Restez à l'intérieur. Fermez portes et fenêtres. Suivez les consignes du personnel."),
        new("fermeture", "Fermeture exceptionnelle", "Fermeture exceptionnelle",
            "Le bâtiment ferme au public. Merci de vous diriger vers la sortie."),
        new("meteo", "Alerte météo", "Alerte météo",
            "Vigilance météorologique en cours. Limitez vos déplacements et suivez les consignes des autorités."),
        new("intrusion", "Alerte intrusion (PPMS)", "Alerte intrusion",
            "Mettez-vous à l'abri sans bruit. Enfermez-vous, éteignez les lumières, restez silencieux.", HiddenFromStreet: true),
    ];

    public static AlertTemplate? Find(string? key) => All.FirstOrDefault(t => t.Key == key);

    /// <summary>The slide every alert is drawn with.</summary>
    public const string SlideTemplate = Templates.Alert;

    public const Category SlideCategory = Category.Alerte;
}

/// <summary>The alert templates' slides, for <see cref="PrerenderJob"/>.</summary>
public sealed class AlertSlidesAhead : ISlidesAhead
{
    public IEnumerable<SlideAhead> Slides =>
        AlertTemplates.All.Select(t => new SlideAhead(t.Title, t.Body, AlertTemplates.SlideTemplate, AlertTemplates.SlideCategory));
}
