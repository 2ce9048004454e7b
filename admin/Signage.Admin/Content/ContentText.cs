using Signage.Contracts.Manifests;
using Signage.Core.Content;

namespace Signage.Admin.Content;

/// <summary>The French words of the content pages for states and audiences.</summary>
public static class ContentText
{
    public static string Status(ContentStatus status) => status switch
    {
        ContentStatus.Draft => "Brouillon",
        ContentStatus.Submitted => "En attente d'approbation",
        ContentStatus.Approved => "Approuvée, rendu en cours",
        ContentStatus.Scheduled => "Programmée",
        ContentStatus.Live => "En ligne",
        ContentStatus.Expired => "Hors écran",
        _ => "Archivée",
    };

    public static string Audience(Audience audience) => audience == Signage.Contracts.Manifests.Audience.Staff ? "Agents" : "Tout public";

    /// <summary>The address the console shows a stored slide at (staff may read any asset).</summary>
    public static string Slide(string sha256) => $"api/assets/{sha256}";
}
