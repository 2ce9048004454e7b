using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// The server/player contract pinned: one manifest with every kind of item, tiers, windows, a
    /// power plan and ticker lines. Its canonical bytes and their hash are checked in; a change here
    /// means every player in the field would see new hashes, so it must be deliberate.
    /// </summary>
    static ManifestBody Golden() => new(
        Guid.Parse("5c4e0000-0000-4000-8000-000000000001"),
        new ScreenSettings(1080, 1920, "Europe/Paris", Audience.Staff),
        [
            new ManifestItem(
                Guid.Parse("5c4e0000-0000-4000-8000-000000000011"),
                Guid.Parse("5c4e0000-0000-4000-8000-000000000012"),
                ItemKind.RenderedAnnouncement,
                new AssetRef("b2eaa5935adb631771510c32976571950ec8172a1bf477d52203cbd2ec8cefc8", 184_233, "image/png"),
                12,
                "Fermeture exceptionnelle\nLa mairie ferme à 16 h le 24 décembre.\nhttps://mairie.example.fr/horaires",
                Tier.Scheduled,
                3,
                Audience.Public,
                new PlayWindow(
                    new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero),
                    new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero),
                    [DayOfWeek.Monday, DayOfWeek.Friday],
                    [new TimeRange(new TimeOnly(8, 30), new TimeOnly(12, 0)), new TimeRange(new TimeOnly(22, 0), new TimeOnly(2, 0))]),
                "« Fermeture exceptionnelle », programmée pour le site Mairie, le groupe Accueil"),
            new ManifestItem(
                Guid.Parse("5c4e0000-0000-4000-8000-000000000021"),
                Guid.Parse("5c4e0000-0000-4000-8000-000000000022"),
                ItemKind.Image,
                new AssetRef("f8e2781d2ee865c35f614cf407f7d79532608c10620e7dfe5e669090a542d00d", 2_048_117, "image/jpeg"),
                8,
                "Le parvis de l'hôtel de ville",
                Tier.Default),
            new ManifestItem(
                Guid.Parse("5c4e0000-0000-4000-8000-000000000031"),
                Guid.Parse("5c4e0000-0000-4000-8000-000000000032"),
                ItemKind.Video,
                new AssetRef("a6a03ec1368a156230981356f2d8e7e8a34318b5122680bc60029ffdd9c76208", 31_457_280, "video/mp4"),
                30,
                "Réunion d'équipe : la piscine rouvre",
                Tier.Override,
                1,
                Audience.Staff,
                new PlayWindow(From: new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), Until: new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)),
                "« Piscine », programmée pour l'écran Salle de pause"),
            new ManifestItem(
                Guid.Parse("5c4e0000-0000-4000-8000-000000000041"),
                Guid.Parse("5c4e0000-0000-4000-8000-000000000042"),
                ItemKind.RenderedAnnouncement,
                new AssetRef("3540c5b696cc660cf74f2c584e9dd3b1ff62f1a88fa7625bad891512dfcfb9a5", 96_004, "image/png"),
                15,
                "Alerte crue\nÉvacuez les quais \"bas\".",
                Tier.Alert,
                1,
                Audience.Public,
                new PlayWindow(Until: new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)),
                "« Alerte crue », alerte pour le site Mairie"),
        ],
        new PowerPlan(
            [new OpeningHours(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(18, 0)), new OpeningHours(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(12, 30))],
            [new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)],
            PowerPlan.StreetCurfew),
        [
            new TickerLine(Guid.Parse("5c4e0000-0000-4000-8000-000000000051"), "Marché de Noël place de la République"),
            new TickerLine(Guid.Parse("5c4e0000-0000-4000-8000-000000000052"), "Travaux rue Victor-Hugo", new PlayWindow(new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero))),
        ]);

    const string GoldenJson =
        """{"screenId":"5c4e0000-0000-4000-8000-000000000001","screen":{"width":1080,"height":1920,"timeZone":"Europe/Paris","audience":"Staff"},"items":["""
        + """{"id":"5c4e0000-0000-4000-8000-000000000011","contentId":"5c4e0000-0000-4000-8000-000000000012","kind":"RenderedAnnouncement","asset":{"sha256":"b2eaa5935adb631771510c32976571950ec8172a1bf477d52203cbd2ec8cefc8","size":184233,"mediaType":"image/png"},"durationSeconds":12,"accessibleText":"Fermeture exceptionnelle\nLa mairie ferme \u00E0 16 h le 24 d\u00E9cembre.\nhttps://mairie.example.fr/horaires","tier":"Scheduled","weight":3,"audience":"Public","window":{"from":"2026-12-01T07:00:00+00:00","until":"2026-12-24T15:00:00+00:00","days":["Monday","Friday"],"times":[{"start":"08:30:00","end":"12:00:00","crossesMidnight":false},{"start":"22:00:00","end":"02:00:00","crossesMidnight":true}]},"rule":"\u00AB Fermeture exceptionnelle \u00BB, programm\u00E9e pour le site Mairie, le groupe Accueil"},"""
        + """{"id":"5c4e0000-0000-4000-8000-000000000021","contentId":"5c4e0000-0000-4000-8000-000000000022","kind":"Image","asset":{"sha256":"f8e2781d2ee865c35f614cf407f7d79532608c10620e7dfe5e669090a542d00d","size":2048117,"mediaType":"image/jpeg"},"durationSeconds":8,"accessibleText":"Le parvis de l\u0027h\u00F4tel de ville","tier":"Default","weight":1,"audience":"Public","window":null,"rule":null},"""
        + """{"id":"5c4e0000-0000-4000-8000-000000000031","contentId":"5c4e0000-0000-4000-8000-000000000032","kind":"Video","asset":{"sha256":"a6a03ec1368a156230981356f2d8e7e8a34318b5122680bc60029ffdd9c76208","size":31457280,"mediaType":"video/mp4"},"durationSeconds":30,"accessibleText":"R\u00E9union d\u0027\u00E9quipe : la piscine rouvre","tier":"Override","weight":1,"audience":"Staff","window":{"from":"2026-10-25T00:30:00+00:00","until":"2026-10-25T01:30:00+00:00","days":null,"times":null},"rule":"\u00AB Piscine \u00BB, programm\u00E9e pour l\u0027\u00E9cran Salle de pause"},"""
        + """{"id":"5c4e0000-0000-4000-8000-000000000041","contentId":"5c4e0000-0000-4000-8000-000000000042","kind":"RenderedAnnouncement","asset":{"sha256":"3540c5b696cc660cf74f2c584e9dd3b1ff62f1a88fa7625bad891512dfcfb9a5","size":96004,"mediaType":"image/png"},"durationSeconds":15,"accessibleText":"Alerte crue\n\u00C9vacuez les quais \u0022bas\u0022.","tier":"Alert","weight":1,"audience":"Public","window":{"from":null,"until":"2026-11-28T12:00:00+00:00","days":null,"times":null},"rule":"\u00AB Alerte crue \u00BB, alerte pour le site Mairie"}]"""
        + ""","power":{"hours":[{"day":"Monday","open":"08:00:00","close":"18:00:00"},{"day":"Saturday","open":"09:00:00","close":"12:30:00"}],"closedDays":["2026-12-25","2027-01-01"],"curfew":{"start":"01:00:00","end":"06:00:00","crossesMidnight":false}}"""
        + ""","ticker":[{"id":"5c4e0000-0000-4000-8000-000000000051","text":"March\u00E9 de No\u00EBl place de la R\u00E9publique","window":null},{"id":"5c4e0000-0000-4000-8000-000000000052","text":"Travaux rue Victor-Hugo","window":{"from":"2026-11-02T06:00:00+00:00","until":"2026-11-30T17:00:00+00:00","days":null,"times":null}}]}""";

    const string GoldenHash = "7da5f5e8fbee6c15320e556a036fa59ca6a87bb219cdf81fa4402fb7f96b57de";

    [Fact]
    public void GoldenManifestSerializesToTheCheckedInBytesAndHash()
    {
        var canonical = ManifestCanonical.Serialize(Golden());

        Assert.Equal(GoldenJson, Encoding.UTF8.GetString(canonical));
        Assert.Equal(GoldenHash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GoldenJson))));
        Assert.Equal(GoldenHash, ManifestCanonical.Hash(canonical));
        Assert.Equal(GoldenHash, ManifestCanonical.Hash(Golden()));
    }

    [Fact]
    public void GoldenManifestAsThePlayerCachesItIsItsVersionHashAndCanonicalBody()
    {
        var manifest = new ScreenManifest(7, GoldenHash, Golden());

        Assert.Equal($$"""{"version":7,"hash":"{{GoldenHash}}","body":{{GoldenJson}}}""", JsonSerializer.Serialize(manifest, ManifestCanonical.Options));
    }

    [Fact]
    public void PlayerAcceptsTheGoldenManifestAndRejectsItWithOneByteChanged()
    {
        Assert.True(ManifestCanonical.IsIntact(Received(GoldenJson)));
        Assert.False(ManifestCanonical.IsIntact(Received(GoldenJson.Replace("16 h", "17 h", StringComparison.Ordinal))));
        Assert.False(ManifestCanonical.IsIntact(new ScreenManifest(7, "8" + GoldenHash[1..], Received(GoldenJson).Body)));
    }

    /// <summary>
    /// Every byte of every value (strings, numbers, dates, ids, hashes, escapes) changed in turn to
    /// another of its kind (digit, lower-case or capital letter): the player either cannot read the
    /// manifest or finds it does not match its hash.
    /// </summary>
    [Fact]
    public void PlayerRejectsTheGoldenManifestWithAnyByteOfAValueChanged()
    {
        var golden = Encoding.UTF8.GetBytes(GoldenJson);
        var tried = 0;
        foreach (var position in ValueBytes(golden))
        {
            var changed = (byte[])golden.Clone();
            changed[position] = Other(changed[position]);
            ScreenManifest received;
            try
            {
                received = Received(Encoding.UTF8.GetString(changed));
            }
            catch (JsonException)
            {
                continue;
            }

            tried++;
            Assert.False(ManifestCanonical.IsIntact(received), $"byte {position} ({(char)golden[position]} to {(char)changed[position]}) changed, still intact: …{Encoding.UTF8.GetString(changed, Math.Max(0, position - 30), 60)}…");
        }

        Assert.True(tried > 1_000, $"only {tried} changed manifests could be read");
    }

    /// <summary>A manifest as the player receives it: the golden hash with a body read from these bytes.</summary>
    static ScreenManifest Received(string json) => new(7, GoldenHash, JsonSerializer.Deserialize<ManifestBody>(json, ManifestCanonical.Options)!);

    /// <summary>Positions of the digits and letters inside the JSON's string and number values.</summary>
    static List<int> ValueBytes(byte[] json)
    {
        var positions = new List<int>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            var start = reader.TokenType switch
            {
                JsonTokenType.String => (int)reader.TokenStartIndex + 1,
                JsonTokenType.Number => (int)reader.TokenStartIndex,
                _ => -1,
            };
            for (var i = 0; start >= 0 && i < reader.ValueSpan.Length; i++)
            {
                if (char.IsAsciiLetterOrDigit((char)json[start + i]))
                {
                    positions.Add(start + i);
                }
            }
        }

        return positions;
    }

    static byte Other(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => (byte)('0' + ((b - '0' + 1) % 10)),
        >= (byte)'a' and <= (byte)'z' => (byte)('a' + ((b - 'a' + 1) % 26)),
        _ => (byte)('A' + ((b - 'A' + 1) % 26)),
    };
}
