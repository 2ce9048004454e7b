using Signage.Core.Media;
using Signage.Core.Rendering;
using SkiaSharp;

namespace Signage.TestSupport;

/// <summary>
/// <see cref="SampleSlides.LargePhoto"/> written to <paramref name="folder"/> as the media library stores an upload:
/// the original and its copies scaled down per render size.
/// </summary>
public sealed class StoredPhoto
{
    readonly int width;
    readonly int height;

    public StoredPhoto(string folder, int width = 4000, int height = 3000)
    {
        (this.width, this.height) = (width, height);
        Original = Path.Combine(folder, "photo.jpg");
        File.WriteAllBytes(Original, SampleSlides.LargePhoto(width, height));
        Copies = ImageVariants.Write(Original, "image/jpeg", ImageVariants.SizesFor(width, height), Original, CancellationToken.None);
    }

    public string Original { get; }

    public IReadOnlyList<(SKSizeI Size, string Path)> Copies { get; }

    /// <summary>A new picture on these files, as the render job opens it; without copies, as for an image uploaded before copies existed.</summary>
    public SlideImage Open(bool withCopies = true) =>
        SlideImage.FromFiles("photo", Original, new SKSizeI(width, height), withCopies ? Copies.Select(c => (c.Size.Width, c.Size.Height, c.Path)) : []);
}
