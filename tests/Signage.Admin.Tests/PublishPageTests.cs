using Bunit;
using Hangfire;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Signage.Admin.Content;
using Signage.Core;
using Signage.Core.Accounts;
using Signage.Core.Screens;
using Signage.TestSupport;

namespace Signage.Admin.Tests;

public sealed class AdminDatabase : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public TempFolder Assets { get; } = new();

    public Task InitializeAsync() => Database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Assets.Dispose();
    }
}

/// <summary>A bunit context with Core's services on the class's own PostgreSQL database, signed in as a Publisher.</summary>
public abstract class AdminTestContext : BunitContext, IClassFixture<AdminDatabase>
{
    protected AdminTestContext(AdminDatabase fixture)
    {
        Fixture = fixture;
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Signage:Storage:Root"] = fixture.Assets.Path })
            .Build());
        Services.AddLogging();
        Services.AddSignageCore(fixture.Database.ConnectionString);
        Services.AddSingleton<TimeProvider>(TestClock.New());
        Services.AddSingleton<Signage.Core.Scheduling.IScreenNotifier>(new RecordingNotifier());
        var storage = CoreTestServices.HangfireStorage(fixture.Database.ConnectionString);
        Services.AddSingleton<JobStorage>(storage);
        Services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        AddAuthorization().SetAuthorized("editrice@mairie.test").SetRoles(Roles.Publisher);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        // Pages move the focus to an action's result or refusal.
        JSInterop.SetupModule("./_content/Signage.Admin/focus.js").SetupVoid("focusById", _ => true).SetVoidResult();
        // Pages load from a real PostgreSQL: leave room for a busy CI machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
    }

    protected AdminDatabase Fixture { get; }

    protected async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}

public class PublishPageTests(AdminDatabase fixture) : AdminTestContext(fixture)
{
    [Fact]
    public async Task EmptyTitleShowsAVisibleMessageAndPublishesNothing()
    {
        var group = await GroupAsync();
        var page = Render<Publish>();
        page.WaitForAssertion(() => Assert.Null(page.Find("button[type=submit]").GetAttribute("disabled")));

        await page.SetAsync("#group", group.Id.ToString());
        await page.SubmitFormAsync();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Le titre est obligatoire.", page.Find("[role=alert]").TextContent);
            Assert.Equal("true", page.Find("#title").GetAttribute("aria-invalid"));
            Assert.Contains("Le titre est obligatoire.", page.Find("#title-error").TextContent);
        });
        await using var db = Fixture.Database.CreateDb();
        Assert.False(await db.ScheduleTargets.AnyAsync(t => t.TargetId == group.Id));
    }

    [Fact]
    public async Task ValidAnnouncementIsPublishedAndConfirmed()
    {
        var group = await GroupAsync();
        var page = Render<Publish>();
        page.WaitForAssertion(() => Assert.Null(page.Find("button[type=submit]").GetAttribute("disabled")));

        await page.SetAsync("#title", "Fermeture de la piscine");
        await page.SetAsync("#body", "Vidange annuelle du 1er au 7 décembre.");
        await page.SetAsync("#group", group.Id.ToString());
        await page.SubmitFormAsync();

        page.WaitForAssertion(() => Assert.Contains("« Fermeture de la piscine » est publiée", page.Find("[role=status]").TextContent));
        Assert.Empty(page.FindAll("[role=alert]"));
        Assert.Equal("", page.Find("#title").GetAttribute("value") ?? "");
        // The list of recent announcements reloads just after the confirmation.
        page.WaitForAssertion(() => Assert.Contains("Fermeture de la piscine", page.Find("table").TextContent));
        await using var db = Fixture.Database.CreateDb();
        var saved = await db.Announcements.SingleAsync(a => db.ScheduleEntries.Any(e => e.AnnouncementId == a.Id && e.Targets.Any(t => t.TargetId == group.Id)));
        Assert.Equal("Fermeture de la piscine", saved.Title);
        Assert.Equal("editrice@mairie.test", saved.CreatedBy);
    }

    [Fact]
    public async Task EveryFieldHasALabel()
    {
        await GroupAsync();
        var page = Render<Publish>();
        page.WaitForAssertion(() => Assert.Null(page.Find("button[type=submit]").GetAttribute("disabled")));

        foreach (var field in page.FindAll("input, textarea, select"))
        {
            var labelled = field.Closest("label") is not null
                || (!string.IsNullOrEmpty(field.Id) && page.FindAll($"label[for='{field.Id}']").Count == 1);
            Assert.True(labelled, $"{field.OuterHtml} has no label");
        }
    }

    Task<ScreenGroup> GroupAsync() =>
        WithAsync(s => s.GetRequiredService<ScreenService>().CreateGroupAsync($"Groupe {Guid.NewGuid():N}"));
}
