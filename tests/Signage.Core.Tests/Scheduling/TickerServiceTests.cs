using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Contracts.Manifests;
using Signage.Core.Scheduling;
using Signage.Core.Screens;
using Signage.TestSupport;

namespace Signage.Core.Tests.Scheduling;

public class TickerServiceTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task TickerLinesReachTheirScreensAndStaffLinesStayOffPublicOnes()
    {
        var group = await fixture.GroupAsync($"Bandeau {Guid.NewGuid():N}");
        var lobby = await fixture.ScreenAsync("Hall", group.Id);
        var staffRoom = await fixture.WithAsync(s => s.GetRequiredService<ScreenService>().CreateScreenAsync(new NewScreen("Salle de pause", group.Id, Audience: Audience.Staff)));

        await AddAsync(new NewTickerLine("Piscine fermée lundi", [new Target(TargetKind.Group, group.Id)]));
        await AddAsync(new NewTickerLine("Réunion de service à 14 h", [new Target(TargetKind.Group, group.Id)], Audience: Audience.Staff));

        Assert.Equal(["Piscine fermée lundi"], (await TickerOf(lobby.Screen.Id))!.Select(l => l.Text));
        Assert.Equal(["Piscine fermée lundi", "Réunion de service à 14 h"], (await TickerOf(staffRoom.Screen.Id))!.Select(l => l.Text));
    }

    [Fact]
    public async Task DatesGivenInParisTimeAreStoredAsTheSameInstants()
    {
        var group = await fixture.GroupAsync($"Dates {Guid.NewGuid():N}");
        var screen = await fixture.ScreenAsync("Accueil", group.Id);
        // As the console reads them: Paris wall-clock times, with Paris's offset.
        var from = TestClock.Start.AddDays(2).ToOffset(TimeSpan.FromHours(1));
        var until = from.AddDays(5);

        var line = await AddAsync(new NewTickerLine("Travaux rue de la Mairie", [new Target(TargetKind.Group, group.Id)], From: from, Until: until));

        await using var db = fixture.Database.CreateDb();
        var stored = await db.TickerMessages.AsNoTracking().SingleAsync(m => m.Id == line.Id);
        Assert.Equal(from, stored.From);
        Assert.Equal(until, stored.Until);
        Assert.Equal(TimeSpan.Zero, stored.From!.Value.Offset);
        Assert.Equal(new PlayWindow(from, until), Assert.Single((await TickerOf(screen.Screen.Id))!).Window);
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("Un texte bien trop long pour un bandeau qui doit se lire d'un coup d'œil depuis l'autre bout du hall d'accueil de la mairie !", "text")]
    public async Task BadLinesAreRefusedAndNothingIsSaved(string text, string field)
    {
        var group = await fixture.GroupAsync($"Refus {Guid.NewGuid():N}");
        await using var db = fixture.Database.CreateDb();
        var before = await db.TickerMessages.CountAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => AddAsync(new NewTickerLine(text, [new Target(TargetKind.Group, group.Id)])));
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => AddAsync(new NewTickerLine("Texte", [new Target(TargetKind.Screen, Guid.NewGuid())])));
        var backwards = await Assert.ThrowsAsync<ValidationException>(() => AddAsync(new NewTickerLine("Texte", [new Target(TargetKind.Group, group.Id)], From: TestClock.Start, Until: TestClock.Start.AddHours(-1))));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Contains("targets", unknown.Errors.Keys);
        Assert.Contains("until", backwards.Errors.Keys);
        Assert.Equal(before, await db.TickerMessages.CountAsync());
    }

    Task<TickerMessage> AddAsync(NewTickerLine line) =>
        fixture.WithAsync(s => s.GetRequiredService<TickerService>().AddAsync(line));

    async Task<IReadOnlyList<TickerLine>?> TickerOf(Guid screenId) =>
        (await fixture.WithAsync(s => s.GetRequiredService<ManifestService>().CurrentAsync(screenId)))?.Body.Ticker;
}
