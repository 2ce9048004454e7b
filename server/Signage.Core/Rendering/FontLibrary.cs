using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>
/// Fonts embedded in the assembly, so slides look the same on every host: Atkinson Hyperlegible
/// (SIL OFL 1.1, Fonts/OFL.txt), designed for low-vision readers, and DejaVu Sans (Bitstream Vera
/// licence, Fonts/DejaVu-LICENSE.txt) as the fallback for scripts it lacks (Arabic, Greek, Cyrillic, symbols).
/// </summary>
public static class FontLibrary
{
    public static SKTypeface Regular { get; } = Load("AtkinsonHyperlegible-Regular.ttf");
    public static SKTypeface Bold { get; } = Load("AtkinsonHyperlegible-Bold.ttf");
    public static SKTypeface FallbackRegular { get; } = Load("DejaVuSans.ttf");
    public static SKTypeface FallbackBold { get; } = Load("DejaVuSans-Bold.ttf");

    /// <summary>The faces to try in order for a character.</summary>
    public static SKTypeface[] Chain(bool bold) => bold ? [Bold, FallbackBold] : [Regular, FallbackRegular];

    static SKTypeface Load(string file)
    {
        using var stream = typeof(FontLibrary).Assembly.GetManifestResourceStream($"Signage.Fonts.{file}")
            ?? throw new InvalidOperationException($"Font {file} is not embedded.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Font {file} could not be read.");
    }
}
