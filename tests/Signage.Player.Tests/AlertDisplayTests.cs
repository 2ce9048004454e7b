using Microsoft.Extensions.Time.Testing;
using Signage.Contracts.Hub;
using Signage.Contracts.Manifests;
using Signage.Player.Display;

namespace Signage.Player.Tests;

/// <summary>What the display shows of the alerts a player holds, by its own clock, with or without the server.</summary>
public class AlertDisplayTests
{
    static readonly DateTimeOffset Raised = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnAlertCoversTheDisplayUntilItsEndEvenWithoutTheServerThenTheRotationComesBack()
    {
        var clock = new FakeTimeProvider(Raised);
        using var state = new PlayerState(clock);
        var alert = Held("Évacuation", Raised, TimeSpan.FromMinutes(30));
        state.HoldAlert(alert);

        Assert.Equal(alert.Message.AlertId, DisplayApi.Status(state).Alert?.Id);
        Assert.Equal(alert.Image.Asset.Sha256, DisplayApi.Status(state).Alert?.Sha256);
        Assert.Equal("image/png", state.MediaTypeOf(alert.Image.Asset.Sha256));
        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(DisplayApi.Status(state).Alert);

        // Never connected meanwhile: the player ends it by itself, and forgets its picture.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(DisplayApi.Status(state).Alert);
        Assert.Null(state.MediaTypeOf(alert.Image.Asset.Sha256));
        Assert.Empty(state.AlertFiles());
    }

    [Fact]
    public void TheLatestAlertInForceIsShownAndAnEndedOneLeavesTheOtherOnScreen()
    {
        var clock = new FakeTimeProvider(Raised.AddMinutes(5));
        using var state = new PlayerState(clock);
        var first = Held("Alerte météo", Raised, TimeSpan.FromHours(2));
        var second = Held("Confinement", Raised.AddMinutes(4), TimeSpan.FromMinutes(30));
        var expired = Held("Fermeture exceptionnelle", Raised.AddMinutes(-40), TimeSpan.FromMinutes(30));
        state.HoldAlert(second);
        state.HoldAlert(first);
        state.HoldAlert(expired);

        Assert.Equal(second.Message.AlertId, state.AlertNow()?.Message.AlertId);
        state.ClearAlert(second.Message.AlertId);
        Assert.Equal(first.Message.AlertId, state.AlertNow()?.Message.AlertId);
        state.ClearAlert(first.Message.AlertId);
        Assert.Null(state.AlertNow());
    }

    [Fact]
    public void OnlyAHeldAlertIsConfirmedAndAConfirmationWaitsUntilSent()
    {
        using var state = new PlayerState(new FakeTimeProvider(Raised));
        var alert = Held("Évacuation", Raised, TimeSpan.FromMinutes(30));
        Assert.False(state.MarkShown(alert.Message.AlertId));
        state.HoldAlert(alert);

        Assert.True(state.MarkShown(alert.Message.AlertId));
        Assert.True(state.MarkShown(alert.Message.AlertId));
        Assert.Equal([alert.Message.AlertId], state.Unconfirmed());
        state.Confirmed(alert.Message.AlertId);
        Assert.Empty(state.Unconfirmed());
    }

    [Fact]
    public void AnAlertInTheManifestIsHeldWhenItsMessageWasLostButNotOnceEndedNorAfterItsEnd()
    {
        var clock = new FakeTimeProvider(Raised.AddMinutes(1));
        using var state = new PlayerState(clock);
        var inForce = AlertItem(Raised, Raised.AddMinutes(30));
        var over = AlertItem(Raised.AddHours(-2), Raised.AddHours(-1));
        var rotating = inForce with { Id = Guid.NewGuid(), ContentId = Guid.NewGuid(), Tier = Tier.Scheduled, Window = null };
        var body = new ManifestBody(Guid.NewGuid(), new ScreenSettings(1920, 1080, "Europe/Paris"), [rotating, over, inForce]);
        var manifest = new ScreenManifest(1, ManifestCanonical.Hash(body), body);

        state.HoldAlertsOf(manifest);

        var held = state.AlertNow()!;
        Assert.Equal((inForce.ContentId, inForce.Asset.Sha256, Raised.AddMinutes(30)), (held.Message.AlertId, held.Image.Asset.Sha256, held.Message.Until));
        Assert.True(state.MarkShown(inForce.ContentId));
        state.ClearAlert(inForce.ContentId);
        // An older manifest applied after the end does not bring it back.
        state.HoldAlertsOf(manifest);
        Assert.Null(state.AlertNow());
    }

    static ManifestItem AlertItem(DateTimeOffset from, DateTimeOffset until) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ItemKind.RenderedAnnouncement, Image(1920, 1080).Asset, 30, "Évacuation", Tier.Alert, 1, Audience.Public,
            new PlayWindow(from, until), "alerte");

    [Theory]
    [InlineData(1920, 1080, 1920, 1080)]
    [InlineData(1280, 720, 1280, 720)]
    [InlineData(1366, 768, 1920, 1080)]
    [InlineData(2560, 1440, 3840, 2160)]
    [InlineData(7680, 4320, 3840, 2160)]
    [InlineData(1080, 1920, 1080, 1920)]
    [InlineData(768, 1366, 1080, 1920)]
    public void EachScreenPicksThePictureDrawnForItsSize(int width, int height, int expectedWidth, int expectedHeight)
    {
        // Landscape screens: the smallest picture at least as wide, the largest beyond; portrait screens: the portrait one.
        var message = Held("Évacuation", Raised, TimeSpan.FromMinutes(30)).Message;

        var picked = message.ImageFor(width, height)!;

        Assert.Equal((expectedWidth, expectedHeight), (picked.Width, picked.Height));
    }

    static HeldAlert Held(string title, DateTimeOffset raised, TimeSpan lasts)
    {
        AlertImage[] images =
        [
            Image(3840, 2160), Image(1080, 1920), Image(1280, 720), Image(1920, 1080),
        ];
        var message = new AlertMessage(Guid.NewGuid(), title, raised, raised + lasts, images);
        return new HeldAlert(message, message.ImageFor(1920, 1080)!);
    }

    static AlertImage Image(int width, int height) =>
        new(width, height, new AssetRef(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray())), 1000, "image/png"));
}
