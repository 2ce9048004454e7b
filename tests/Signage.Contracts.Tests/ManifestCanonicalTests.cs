using System.Text.Json;
using Signage.Contracts.Manifests;

namespace Signage.Contracts.Tests;

public class ManifestCanonicalTests
{
    static ManifestBody Body(string text) => new(
        Guid.Parse("6a1e0c1e-0000-4000-8000-000000000001"),
        new ScreenSettings(1920, 1080, "Europe/Paris"),
        [new ManifestItem(Guid.Parse("6a1e0c1e-0000-4000-8000-000000000002"), Guid.Parse("6a1e0c1e-0000-4000-8000-000000000003"), ItemKind.RenderedAnnouncement, new AssetRef(new string('a', 64), 42, "image/png"), 10, text)]);

    [Fact]
    public void SameContentHasTheSameHash() =>
        Assert.Equal(ManifestCanonical.Hash(Body("Fermeture à 17 h")), ManifestCanonical.Hash(Body("Fermeture à 17 h")));

    [Fact]
    public void ChangedContentChangesTheHash() =>
        Assert.NotEqual(ManifestCanonical.Hash(Body("Fermeture à 17 h")), ManifestCanonical.Hash(Body("Fermeture à 18 h")));

    [Fact]
    public void ManifestSurvivesARoundTripThroughJsonIntact()
    {
        var body = Body("Médiathèque « fermée »");
        var manifest = new ScreenManifest(3, ManifestCanonical.Hash(body), body);

        var json = JsonSerializer.Serialize(manifest, ManifestCanonical.Options);
        var back = JsonSerializer.Deserialize<ScreenManifest>(json, ManifestCanonical.Options)!;

        Assert.True(ManifestCanonical.IsIntact(back));
        Assert.Equal(3, back.Version);
    }

    [Fact]
    public void TamperedManifestIsNotIntact()
    {
        var body = Body("Ouvert");
        var tampered = new ScreenManifest(1, ManifestCanonical.Hash(body), Body("Fermé"));
        Assert.False(ManifestCanonical.IsIntact(tampered));
    }
}
