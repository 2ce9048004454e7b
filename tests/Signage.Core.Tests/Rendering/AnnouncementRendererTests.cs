using System.Security.Cryptography;
using SkiaSharp;
using Signage.Core.Rendering;
using Signage.TestSupport;

namespace Signage.Core.Tests.Rendering;

public class AnnouncementRendererTests
{
    readonly AnnouncementRenderer renderer = new();

    [Fact]
    public void RendersAFullHdImage()
    {
        using var image = SKBitmap.Decode(renderer.RenderPng(new AnnouncementSlide("Conseil municipal", "Jeudi à 18 h 30"), AnnouncementRenderer.FullHd));
        Assert.Equal(1920, image.Width);
        Assert.Equal(1080, image.Height);
    }

    [Fact]
    public void TitleAndBodyLeaveTextPixelsInTheTextArea()
    {
        using var withText = SKBitmap.Decode(renderer.RenderPng(new AnnouncementSlide("Fermeture exceptionnelle", "La médiathèque ferme à 17 h."), AnnouncementRenderer.FullHd));

        Assert.True(Pixels.LightShare(withText, new SKRectI(96, 150, 1824, 300)) > 0.02, "the title area has no text");
        Assert.True(Pixels.LightShare(withText, new SKRectI(96, 300, 1824, 480)) > 0.005, "the body area has no text");
        Assert.Equal(0, Pixels.LightShare(withText, new SKRectI(96, 700, 1824, 980)));
    }

    [Fact]
    public void SameInputGivesTheSameBytes()
    {
        var slide = new AnnouncementSlide("Élection du conseil des jeunes", "Dépôt des candidatures jusqu'au 1er décembre.");
        Assert.Equal(Sha(renderer.RenderPng(slide, AnnouncementRenderer.FullHd)), Sha(renderer.RenderPng(slide, AnnouncementRenderer.FullHd)));
        Assert.NotEqual(Sha(renderer.RenderPng(slide, AnnouncementRenderer.FullHd)), Sha(renderer.RenderPng(slide with { Title = "Autre titre" }, AnnouncementRenderer.FullHd)));
    }

    [Fact]
    public void LongTextWrapsOntoSeveralLinesInsteadOfOverflowing()
    {
        var body = string.Join(' ', Enumerable.Repeat("Les inscriptions périscolaires ouvrent lundi.", 12));
        using var image = SKBitmap.Decode(renderer.RenderPng(new AnnouncementSlide("Rentrée", body), AnnouncementRenderer.FullHd));

        Assert.True(Pixels.LightShare(image, new SKRectI(96, 600, 1824, 900)) > 0.005, "wrapped lines should fill the lower part");
        Assert.Equal(0, Pixels.LightShare(image, new SKRectI(1830, 0, 1920, 1080)));
    }

    [Fact]
    public void AWordTooLongForALineIsRefusedRatherThanCut()
    {
        var refusal = renderer.Refusal(new AnnouncementSlide(new string('m', 80), ""), AnnouncementRenderer.FullHd);
        Assert.NotNull(refusal);
        Assert.Equal("title", refusal.Field);
    }

    [Fact]
    public void TextThatFitsIsNotRefused() =>
        Assert.Null(renderer.Refusal(new AnnouncementSlide("Piscine fermée", "Réouverture le 1er décembre."), AnnouncementRenderer.FullHd));

    static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
