using System.Security.Cryptography;
using Signage.Core.Accessibility;
using Signage.Core.Imaging;
using Signage.Core.Rendering;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Rendering;

public class AnnouncementRendererTests
{
    readonly AnnouncementRenderer renderer = new();

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    [InlineData(1080, 1920)]
    public void RendersAtTheScreensResolutionWithReadableContrast(int width, int height)
    {
        var size = new RenderSize(width, height);
        var rendered = renderer.Render(new AnnouncementSlide("Conseil municipal", "Jeudi à 18 h 30"), size, AnnouncementRenderer.DefaultMinimum(size));

        using var image = SKBitmap.Decode(rendered.Bytes);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.True(rendered.WorstContrast >= Contrast.NormalTextRatio, $"worst contrast {rendered.WorstContrast}");
        Assert.True(rendered.BodyPixels >= AnnouncementRenderer.DefaultMinimum(size));
    }

    [Fact]
    public void SameInputGivesTheSameBytes()
    {
        var slide = new AnnouncementSlide("Élection du conseil des jeunes", "Dépôt des candidatures jusqu'au 1er décembre.");
        Assert.Equal(Sha(renderer.RenderPng(slide, AnnouncementRenderer.FullHd)), Sha(renderer.RenderPng(slide, AnnouncementRenderer.FullHd)));
        Assert.NotEqual(Sha(renderer.RenderPng(slide, AnnouncementRenderer.FullHd)), Sha(renderer.RenderPng(slide with { Title = "Autre titre" }, AnnouncementRenderer.FullHd)));
    }

    [Fact]
    public void TheFullScreenScrimOnlyEverDarkensThePhoto()
    {
        using var grey = new SKBitmap(1920, 1080);
        grey.Erase(new SKColor(128, 128, 128));
        using var encoded = grey.Encode(SKEncodedImageFormat.Png, 100);
        using var photo = SlideImage.FromBytes(encoded.ToArray());
        using var image = SKBitmap.Decode(renderer.RenderPng(new AnnouncementSlide("Marché de Noël", "Place de la mairie.", Templates.FullImage, Image: photo), AnnouncementRenderer.FullHd));

        // Down the middle, from under the label to where the title starts, across the scrim's fade.
        var column = Enumerable.Range(200, 250).Select(y => image.GetPixel(960, y)).ToList();
        Assert.All(column, c => Assert.True(c.Red <= 128 && c.Green <= 128 && c.Blue <= 128, $"the scrim paled the photo to {c}"));
        Assert.True(column[^1].Red < 100, "the scrim should have darkened the photo before the text starts");
        Assert.Equal(column.OrderByDescending(c => c.Red), column);
    }

    [Fact]
    public void LongTextWrapsInsideTheMarginsInsteadOfOverflowing()
    {
        var body = string.Join(' ', Enumerable.Repeat("Les inscriptions périscolaires ouvrent lundi.", 8));
        using var image = SKBitmap.Decode(renderer.RenderPng(new AnnouncementSlide("Rentrée", body), AnnouncementRenderer.FullHd));

        Assert.True(Pixels.LightShare(image, new SKRectI(96, 540, 1824, 1000)) > 0.01, "wrapped lines should reach the lower half");
        Assert.Equal(0, Pixels.LightShare(image, new SKRectI(1850, 0, 1920, 1080)));
        Assert.Equal(0, Pixels.LightShare(image, new SKRectI(0, 1010, 1920, 1080)));
    }

    [Fact]
    public void EmptyBodyDrawsTheTitleAlone()
    {
        using var image = SKBitmap.Decode(renderer.RenderPng(new AnnouncementSlide("Piscine fermée", ""), AnnouncementRenderer.FullHd));

        Assert.True(Pixels.LightShare(image, new SKRectI(96, 216, 1824, 380)) > 0.02, "the title is missing");
        Assert.Equal(0, Pixels.LightShare(image, new SKRectI(96, 420, 1824, 1000)));
    }

    [Fact]
    public void ASixtyCharacterWordIsRefusedByNameRatherThanCut()
    {
        var word = new string('m', 60);
        var refusal = renderer.Refusal(new AnnouncementSlide("Information", $"Voir {word} pour les détails."), AnnouncementRenderer.FullHd);

        Assert.NotNull(refusal);
        Assert.Equal("body", refusal.Field);
        Assert.Contains("mmmmmmmmmm", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("coupez-le", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoThousandCharactersDoNotFitAndAreRefusedWithTheMinimumSize()
    {
        var body = string.Join(' ', Enumerable.Repeat("Réunion publique sur le plan local d'urbanisme.", 45))[..2000];
        var refusal = renderer.Refusal(new AnnouncementSlide("Urbanisme", body), AnnouncementRenderer.FullHd);

        Assert.NotNull(refusal);
        Assert.Contains("ne tient pas", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("42 px", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmojiIsRefusedByNameSinceNoShippedFontDrawsIt()
    {
        var refusal = renderer.Refusal(new AnnouncementSlide("Fête de la musique 🎉", "Le 21 juin."), AnnouncementRenderer.FullHd);

        Assert.NotNull(refusal);
        Assert.Contains("🎉", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnArabicPhraseInsideFrenchTextIsDrawnWithTheFallbackFont()
    {
        var french = new AnnouncementSlide("Bienvenue", "Accueil des nouveaux habitants samedi à 10 h.");
        var mixed = french with { Body = "Accueil des nouveaux habitants (مرحبا بكم) samedi à 10 h." };

        Assert.Null(renderer.Refusal(mixed, AnnouncementRenderer.FullHd));
        Assert.NotEqual(Sha(renderer.RenderPng(french, AnnouncementRenderer.FullHd)), Sha(renderer.RenderPng(mixed, AnnouncementRenderer.FullHd)));
    }

    [Fact]
    public void TextThatFitsFromThreeMetresIsRefusedForScreensReadFromEightMetres()
    {
        var slide = new AnnouncementSlide("Recensement 2027", string.Join(' ', Enumerable.Repeat("Un agent recenseur passera chez vous entre janvier et février.", 4)));
        var fromEight = Legibility.MinimumTextPixels(8, 1920, 1080);

        Assert.Null(renderer.Refusal(slide, AnnouncementRenderer.FullHd));
        var refusal = renderer.Refusal(slide, AnnouncementRenderer.FullHd, fromEight);
        Assert.NotNull(refusal);
        Assert.Contains($"{fromEight:0} px", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AThemeColourThatLeavesTooLittleContrastIsRefusedWithTheMeasuredRatio()
    {
        var grey = SlideTheme.Default with { Primary = new SKColor(0x80, 0x80, 0x80) };
        var refusal = renderer.Refusal(new AnnouncementSlide("Piscine fermée", "Réouverture le 1er décembre.", Theme: grey), AnnouncementRenderer.FullHd);

        Assert.NotNull(refusal);
        Assert.Equal("theme", refusal.Field);
        Assert.Contains("4,5:1 requis", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateNeedingAnImageIsRefusedWithoutOne()
    {
        var refusal = renderer.Refusal(new AnnouncementSlide("Médiathèque", "", Templates.FullImage), AnnouncementRenderer.FullHd);

        Assert.NotNull(refusal);
        Assert.Equal("image", refusal.Field);
    }

    [Fact]
    public void ALinkIsDrawnAsAQrCodeInTheCorner()
    {
        var slide = new AnnouncementSlide("Inscriptions", "Sur le site de la ville.");
        using var without = SKBitmap.Decode(renderer.RenderPng(slide, AnnouncementRenderer.FullHd));
        using var with = SKBitmap.Decode(renderer.RenderPng(slide with { Link = "https://www.mairie-exemple.fr/inscriptions" }, AnnouncementRenderer.FullHd));
        var corner = new SKRectI(1568, 728, 1848, 1008);

        Assert.Equal(0, Pixels.LightShare(without, corner));
        Assert.True(Pixels.LightShare(with, corner) > 0.3, "the QR code's white modules are missing");
    }

    [Fact]
    public void ThePublicationCheckMeasuresWhatTheRenderMeasuresForEveryTemplateAndSize()
    {
        using var logo = SlideImage.FromBytes(SampleMedia.Png(600, 240, SKColors.Gold));
        foreach (var template in Templates.All)
        {
            var slide = SampleSlides.For(template.Key) with { Theme = SlideTheme.Default with { Logo = logo } };
            using var image = slide.Image;
            foreach (var size in SampleSlides.Sizes)
            {
                var minimum = AnnouncementRenderer.DefaultMinimum(size);
                var rendered = renderer.Render(slide, size, minimum);
                var checkedOnly = renderer.Check(slide, size, minimum);

                Assert.Equal((rendered.BodyPixels, rendered.WorstContrast), (checkedOnly.BodyPixels, checkedOnly.WorstContrast));
            }
        }
    }

    [Fact]
    public void TheScrimKeepsFullScreenTextReadableOverAWhitePhotoAndTheCheckMeasuresWhatTheRenderDraws()
    {
        using var white = SlideImage.FromBytes(PlainJpeg(2400, 1600, SKColors.White));
        using var black = SlideImage.FromBytes(PlainJpeg(2400, 1600, SKColors.Black));
        var slide = SampleSlides.For(Templates.FullImage) with { Image = white };

        foreach (var size in SampleSlides.Sizes)
        {
            var minimum = AnnouncementRenderer.DefaultMinimum(size);
            var check = renderer.Check(slide, size, minimum);
            var render = renderer.Render(slide, size, minimum);

            Assert.Equal(render.WorstContrast, check.WorstContrast);
            Assert.True(check.WorstContrast >= Contrast.LargeTextRatio, $"{size}: {check.WorstContrast:0.00}:1 over a white photo");
            // Measured over the photo: white pixels behind the text's fade contrast less than black ones.
            Assert.True(check.WorstContrast < renderer.Check(slide with { Image = black }, size, minimum).WorstContrast);
        }
    }

    [Fact]
    public void APictureIsReadOnceAndServesEverySizeAfterwards()
    {
        using var folder = new TempFolder();
        using var photo = new StoredPhoto(folder.Path, 3000, 2000).Open();
        var slide = SampleSlides.For(Templates.FullImage) with { Image = photo };
        var first = SampleSlides.Sizes.Select(size => Sha(renderer.RenderPng(slide, size))).ToList();

        // Gone from the disk: whatever is drawn again comes from what the picture already decoded.
        foreach (var file in Directory.GetFiles(folder.Path))
        {
            File.Delete(file);
        }

        Assert.Equal(first, SampleSlides.Sizes.Select(size => Sha(renderer.RenderPng(slide, size))));
    }

    static byte[] PlainJpeg(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
