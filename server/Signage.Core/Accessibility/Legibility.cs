namespace Signage.Core.Accessibility;

/// <summary>
/// Minimum text size for a screen read from a distance: body text must look at least as large as
/// 24 CSS px does on a desktop, a CSS px being 0.0213° of visual angle. The size is the font size
/// (the em box, as CSS font-size), not the height of a capital.
/// </summary>
public static class Legibility
{
    /// <summary>Where a visitor stands in a town-hall lobby when no distance is configured for the screen.</summary>
    public const double DefaultViewingDistanceMeters = 3.0;

    /// <summary>The usual lobby screen when its size is not configured.</summary>
    public const double DefaultDiagonalInches = 55.0;

    public const double MinimumCssPixels = 24;
    public const double CssPixelDegrees = 0.0213;

    const double MillimetresPerInch = 25.4;

    /// <summary>2·d·tan(24 × 0.0213° / 2): about 26.8 mm at 3 m, and proportional to the distance.</summary>
    public static double MinimumTextMillimetres(double viewingDistanceMeters = DefaultViewingDistanceMeters)
    {
        RequirePositive(viewingDistanceMeters, nameof(viewingDistanceMeters));
        var halfAngle = double.DegreesToRadians(MinimumCssPixels * CssPixelDegrees / 2);
        return 2 * viewingDistanceMeters * 1000 * Math.Tan(halfAngle);
    }

    /// <summary>
    /// The same minimum in screen pixels, unrounded: the pixel pitch comes from the diagonal, assuming
    /// square pixels (a 55" 1920x1080 panel has about 1.576 px/mm, so about 42 px at 3 m).
    /// </summary>
    public static float MinimumTextPixels(double viewingDistanceMeters, int screenWidthPx, int screenHeightPx, double diagonalInches = DefaultDiagonalInches)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(screenWidthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(screenHeightPx);
        RequirePositive(diagonalInches, nameof(diagonalInches));
        var pixelsPerMillimetre = Math.Sqrt(((double)screenWidthPx * screenWidthPx) + ((double)screenHeightPx * screenHeightPx))
            / (diagonalInches * MillimetresPerInch);
        return (float)(MinimumTextMillimetres(viewingDistanceMeters) * pixelsPerMillimetre);
    }

    static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a positive, finite number.");
        }
    }
}
