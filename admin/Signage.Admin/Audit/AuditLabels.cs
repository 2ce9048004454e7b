namespace Signage.Admin.Audit;

/// <summary>The audit log's actions and kinds of object as staff read them; an action without a label shows as written.</summary>
public static class AuditLabels
{
    static readonly Dictionary<string, string> Kinds = new()
    {
        ["announcement"] = "Annonces",
        ["schedule"] = "Programmation",
        ["ticker"] = "Bandeau défilant",
        ["alert"] = "Alertes",
        ["cap"] = "Alertes CAP",
        ["screen"] = "Écrans",
        ["group"] = "Groupes d'écrans",
        ["site"] = "Sites",
        ["media"] = "Médiathèque",
        ["theme"] = "Thème",
    };

    static readonly Dictionary<string, string> Actions = new()
    {
        ["announcement.drafted"] = "Brouillon enregistré",
        ["announcement.submitted"] = "Annonce soumise à validation",
        ["announcement.approved"] = "Annonce approuvée",
        ["announcement.published"] = "Annonce publiée",
        ["schedule.added"] = "Programmation ajoutée",
        ["ticker.added"] = "Ligne de bandeau ajoutée",
        ["alert.raised"] = "Alerte déclenchée",
        ["alert.ended"] = "Fin d'alerte",
        ["cap.received"] = "Message CAP reçu",
        ["cap.source-added"] = "Source CAP ajoutée",
        ["cap.rule-added"] = "Règle CAP ajoutée",
        ["screen.created"] = "Écran créé",
        ["screen.groups-set"] = "Groupes d'un écran modifiés",
        ["screen.token-revoked"] = "Jeton d'écran révoqué",
        ["group.created"] = "Groupe créé",
        ["site.created"] = "Site créé",
        ["site.hours-set"] = "Horaires d'un site modifiés",
        ["site.closure-added"] = "Fermeture exceptionnelle ajoutée",
        ["site.closure-removed"] = "Fermeture exceptionnelle retirée",
        ["media.uploaded"] = "Média importé",
        ["theme.set"] = "Thème modifié",
    };

    public static string Kind(string kind) => Kinds.GetValueOrDefault(kind, kind);

    public static string Action(string action) => Actions.GetValueOrDefault(action, action);
}
