using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Signage.Core.Accessibility;
using Signage.Core.Data;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using SkiaSharp;

namespace Signage.Core.Content;

/// <summary>
/// Gathers what a slide is drawn from (the announcement, its image, the theme) and the minimum
/// text size of each resolution for the screens it targets, and names each render by its inputs.
/// </summary>
public sealed class SlideInputs(SignageDb db, AssetStore assets)
{
    /// <summary>Bump when the renderer changes for every template (fonts, typography), so every slide is drawn again.</summary>
    /// <remarks>2: pictures drawn from the library's scaled copies, or decoded at the codec's nearest scale.</remarks>
    public const int RendererVersion = 2;

    /// <summary>The organisation's colours and logo; the caller disposes the logo.</summary>
    public async Task<SlideTheme> ThemeAsync(CancellationToken ct)
    {
        var theme = await db.Themes.AsNoTracking().FirstOrDefaultAsync(ct);
        if (theme is null)
        {
            return SlideTheme.Default;
        }

        return new SlideTheme(SKColor.Parse(theme.Primary), SKColor.Parse(theme.Accent), await ImageAsync(theme.LogoSha256, ct));
    }

    /// <summary>
    /// The stored picture with this hash, with the scaled copies the media library made of it (none while its copies
    /// job has not run: the original is then decoded at the codec's nearest scale); null when the store
    /// lacks it. Nothing is read or decoded until a slide asks for pixels. The caller disposes it.
    /// </summary>
    public async Task<SlideImage?> ImageAsync(string? sha256, CancellationToken ct)
    {
        if (sha256 is null || await assets.FindAsync(sha256, ct) is not { } original)
        {
            return null;
        }

        var item = await db.MediaItems.AsNoTracking().Where(m => m.Sha256 == sha256)
            .Select(m => new { m.Id, m.Width, m.Height }).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return SlideImage.FromFiles(sha256, original.Path, null, []);
        }

        var variants = await db.MediaVariants.AsNoTracking().Where(v => v.MediaItemId == item.Id).ToListAsync(ct);
        var copies = variants
            .Select(v => (v.Width, v.Height, Path: assets.FileOf(v.AssetSha256)))
            .Where(c => c.Path is not null)
            .Select(c => (c.Width, c.Height, c.Path!));
        return SlideImage.FromFiles(sha256, original.Path, new SKSizeI(item.Width, item.Height), copies);
    }

    /// <summary>
    /// The minimum body text in pixels for each standard resolution: the largest any targeted
    /// screen of that resolution needs for its viewing distance and diagonal (3 m and 55" when none).
    /// </summary>
    public static IReadOnlyDictionary<RenderSize, float> Minimums(IEnumerable<Screen> screens) =>
        Minimums(screens.Select(s => new ScreenOptics(s.Width, s.Height, s.ViewingDistanceMeters, s.DiagonalInches)));

    static Dictionary<RenderSize, float> Minimums(IEnumerable<ScreenOptics> screens)
    {
        var bySize = screens.ToLookup(s => RenderSizes.For(s.Width, s.Height));
        return RenderSizes.All.ToDictionary(size => size, size => bySize[size]
            .Select(s => Legibility.MinimumTextPixels(s.ViewingDistanceMeters, size.Width, size.Height, s.DiagonalInches))
            .DefaultIfEmpty(AnnouncementRenderer.DefaultMinimum(size))
            .Max());
    }

    /// <summary>
    /// The minimums of the whole fleet: text sized for the most demanding screen of each resolution
    /// is readable on every other, so slides drawn ahead of need (alert templates) fit any target.
    /// </summary>
    public async Task<IReadOnlyDictionary<RenderSize, float>> FleetMinimumsAsync(CancellationToken ct) =>
        Minimums((await db.Screens.AsNoTracking()
            .Select(s => new { s.Width, s.Height, s.ViewingDistanceMeters, s.DiagonalInches })
            .Distinct().ToListAsync(ct))
            .Select(s => new ScreenOptics(s.Width, s.Height, s.ViewingDistanceMeters, s.DiagonalInches)));

    sealed record ScreenOptics(int Width, int Height, double ViewingDistanceMeters, double DiagonalInches);

    public async Task<IReadOnlyDictionary<RenderSize, float>> MinimumsForTargetsAsync(IReadOnlyCollection<Target> targets, CancellationToken ct)
    {
        var ids = await db.ScreensTargetedAsync(targets, ct);
        return Minimums(await db.Screens.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct));
    }

    /// <summary>SHA-256 of everything that changes the pixels: equal keys, equal slides.</summary>
    public static string RenderKey(AnnouncementSlide slide, RenderSize size, float minimumBody)
    {
        var template = Templates.Find(slide.Template);
        var theme = slide.Theme ?? SlideTheme.Default;
        var inputs = JsonSerializer.Serialize(new object?[]
        {
            RendererVersion, slide.Template, template?.Version, size.Width, size.Height, Math.Round(minimumBody, 1),
            slide.Title, slide.Body, slide.Category.ToString(), slide.Link, slide.Image?.Sha256, theme.Primary.ToString(), theme.Accent.ToString(), theme.Logo?.Sha256,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs)));
    }
}
