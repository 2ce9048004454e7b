using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Accessibility;
using Signage.Core.Data;
using Signage.Core.Media;
using Signage.Core.Writes;
using SkiaSharp;

namespace Signage.Core.Content;

public sealed record ThemeChange(string Name, string Primary, string Accent, string? LogoSha256 = null);

/// <summary>Text on a theme colour: white (else near-black) ink, at <paramref name="Ratio"/>:1.</summary>
public sealed record ColourVerdict(bool WhiteInk, double Ratio)
{
    /// <summary>At least 4.5:1, the ratio WCAG 2.1 AA asks of body text.</summary>
    public bool Readable => Ratio >= Contrast.NormalTextRatio;

    /// <summary>The ratio for people, cut (not rounded) to hundredths: 4.499 shows as 4,49, never as a passing 4,5.</summary>
    public string Shown => (Math.Floor(Ratio * 100) / 100).ToString("0.00", CultureInfo.GetCultureInfo("fr-FR"));
}

/// <summary>
/// The organisation's colours and logo. A colour on which neither white nor black text reaches
/// 4.5:1 is refused here, before it could make every slide unreadable; a change redraws every
/// published slide.
/// </summary>
public sealed class ThemeService(SignageDb db, WriteUnit unit, TimeProvider clock)
{
    public async Task<OrganisationTheme> CurrentAsync(CancellationToken ct = default) =>
        await db.Themes.AsNoTracking().FirstOrDefaultAsync(ct) ?? new OrganisationTheme();

    public async Task<OrganisationTheme> SetAsync(ThemeChange change, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var name = change.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["name"] = ["Le nom de la collectivité est obligatoire (100 caractères au plus)."];
        }

        CheckColour("primary", "de fond", change.Primary, errors);
        CheckColour("accent", "d'accent", change.Accent, errors);
        if (change.LogoSha256 is { } logo && !await db.MediaItems.AnyAsync(m => m.Sha256 == logo && m.Kind == MediaKind.Image, ct))
        {
            errors["logoSha256"] = ["Ce logo n'est pas une image de la médiathèque."];
        }

        ValidationException.ThrowIfAny(errors);

        var theme = await db.Themes.FirstOrDefaultAsync(ct);
        if (theme is null)
        {
            theme = new OrganisationTheme();
            db.Themes.Add(theme);
        }

        theme.Name = name;
        theme.Primary = change.Primary.ToUpperInvariant();
        theme.Accent = change.Accent.ToUpperInvariant();
        theme.LogoSha256 = change.LogoSha256;
        theme.UpdatedAt = clock.GetUtcNow();
        unit.Audit("theme.set", null, $"{theme.Primary} {theme.Accent} {theme.LogoSha256}");

        // Slides carry the theme: redraw what is published (unchanged inputs are served from the render cache).
        foreach (var id in await db.Announcements.Where(a => a.Status == AnnouncementStatus.Published).Select(a => a.Id).ToListAsync(ct))
        {
            unit.Enqueue<RenderAnnouncementJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        // And the slides drawn ahead of need (alert templates), so that an alert raised now draws nothing.
        unit.Enqueue<PrerenderJob>(job => job.RunAsync(CancellationToken.None));

        await unit.CommitAsync(ct);
        return theme;
    }

    /// <summary>
    /// What text drawn on the colour <paramref name="value"/> (<c>#RRVVBB</c>) would be: the ink slides use on it and
    /// its contrast ratio; null when the value is not a colour. The same verdict the console shows while the colour is
    /// typed and that <see cref="SetAsync"/> applies.
    /// </summary>
    public static ColourVerdict? Verdict(string? value)
    {
        if (value is not { Length: 7 } || value[0] != '#' || !int.TryParse(value.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        var colour = SKColor.Parse(value);
        var ink = Ink.On(colour);
        return new ColourVerdict(ink == SKColors.White, Contrast.Ratio(colour, ink));
    }

    static void CheckColour(string field, string role, string? value, Dictionary<string, string[]> errors)
    {
        if (Verdict(value) is not { } verdict)
        {
            errors[field] = [$"La couleur {role} s'écrit #RRVVBB, par exemple #0B2E4F."];
        }
        else if (!verdict.Readable)
        {
            errors[field] = [$"Sur la couleur {role} {value}, ni le texte blanc ni le texte noir n'atteignent 4,5:1 (au mieux {verdict.Shown}:1) : choisissez une couleur plus claire ou plus foncée."];
        }
    }
}
