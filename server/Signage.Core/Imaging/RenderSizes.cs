namespace Signage.Core.Imaging;

public readonly record struct RenderSize(int Width, int Height)
{
    public bool Portrait => Height > Width;

    public override string ToString() => $"{Width}×{Height}";
}

/// <summary>The resolutions every announcement is drawn at; a screen plays the one closest to its own.</summary>
public static class RenderSizes
{
    public static readonly RenderSize Hd = new(1280, 720);
    public static readonly RenderSize FullHd = new(1920, 1080);
    public static readonly RenderSize Uhd = new(3840, 2160);
    public static readonly RenderSize Portrait = new(1080, 1920);

    public static IReadOnlyList<RenderSize> All { get; } = [Hd, FullHd, Uhd, Portrait];

    /// <summary>
    /// Portrait screens get the portrait slide; landscape screens the smallest slide at least as
    /// wide as they are (4K beyond), which the player scales to fit without cropping.
    /// </summary>
    public static RenderSize For(int width, int height) =>
        height > width ? Portrait : width <= Hd.Width ? Hd : width <= FullHd.Width ? FullHd : Uhd;
}
