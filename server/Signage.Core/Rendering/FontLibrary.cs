using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>Atkinson Hyperlegible (SIL OFL 1.1, see Fonts/OFL.txt), designed for low-vision readers; embedded in the assembly.</summary>
public static class FontLibrary
{
    public static SKTypeface Regular { get; } = Load("AtkinsonHyperlegible-Regular.ttf");
    public static SKTypeface Bold { get; } = Load("AtkinsonHyperlegible-Bold.ttf");

    static SKTypeface Load(string file)
    {
        using var stream = typeof(FontLibrary).Assembly.GetManifestResourceStream($"Signage.Fonts.{file}")
            ?? throw new InvalidOperationException($"Font {file} is not embedded.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Font {file} could not be read.");
    }
}
