using System.Net.Http.Json;
using System.Security.Cryptography;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Signage.Core.Content;
using Signage.Core.Data;
using Signage.Core.Media;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.EndToEnd.Tests;

/// <summary>A server process killed by SIGKILL in the middle of publishing loses nothing: the next server finishes the work.</summary>
public sealed class ServerCrashRecoveryTests(SignageSystem system) : IClassFixture<SignageSystem>
{
    static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ARenderCutShortByAKilledServerIsFinishedByTheNextServer()
    {
        // The render job blocks when it writes its slides, so the kill lands while the job is fetched and running.
        await using var hold = await system.LockAsync("Renditions");

        var announcement = await system.PublishAsync("Coupure d'eau", "Rue de la République, jeudi de 9 h à 12 h.");
        await system.WaitAsync(() => Task.FromResult(system.ProcessingRenders().Contains(announcement.Id) ? "processing" : null),
            TimeSpan.FromSeconds(30), "the server to start the render");
        system.StopServer();
        await hold.ReleaseAsync();

        // A short invisibility timeout stands in for the production five minutes.
        await system.StartServerAsync(new Dictionary<string, string> { ["Signage__Jobs__InvisibilityTimeout"] = "00:00:10" });

        await system.WaitAsync(async () => await StatusAsync(announcement.Id) == AnnouncementStatus.Published ? "published" : null,
            Recovery, "the next server to finish the render");
        await system.WaitUntilShownAsync(announcement.Id, Recovery);
    }

    [Fact]
    public async Task AnAlertCutShortByAKilledServerIsAbsentAfterTheRestartNeverHalfRaised()
    {
        const string title = "Évacuation du gymnase";
        using var console = await SignageSystem.SignInAsync(system.ServerUrl);
        // The raise's transaction blocks on its audit row, so the kill lands between its first write and its commit.
        await using var hold = await system.LockAsync("AuditEntries");

        var raising = console.PostAsJsonAsync("/api/alerts",
            new { title, body = "Sortez par les issues de secours.", targets = new[] { new { kind = "Group", id = system.GroupId } }, minutes = 30 });
        await system.WaitAsync(async () => await system.WaitingOnALockAsync() ? "waiting" : null, TimeSpan.FromSeconds(30), "the raise to reach its commit");
        system.StopServer();
        await hold.ReleaseAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => raising);

        await system.StartServerAsync();
        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.Announcements.AnyAsync(a => a.Title == title));
            Assert.False(await db.ScheduleEntries.AnyAsync(e => e.Tier == Signage.Contracts.Manifests.Tier.Alert && e.Until > SignageSystem.RealClock.GetUtcNow()));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "alert.raised"));
        }

        using var after = await SignageSystem.SignInAsync(system.ServerUrl);
        Assert.Equal("[]", await after.GetStringAsync("/api/alerts"));
        Assert.Null((await system.StatusAsync())!.Alert);

        // Raised again on the restarted server, it is whole.
        using var again = await after.PostAsJsonAsync("/api/alerts",
            new { title, body = "Sortez par les issues de secours.", targets = new[] { new { kind = "Group", id = system.GroupId } }, minutes = 30 });
        Assert.Equal(System.Net.HttpStatusCode.Created, again.StatusCode);
        var shown = await system.WaitAsync(async () => await system.StatusAsync() is { Alert: { } a } ? a : null, TimeSpan.FromSeconds(10), "the player to show the alert");
        Assert.Contains(title, shown.AccessibleText);
        var id = System.Text.Json.JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        using var ended = await after.PostAsync($"/api/alerts/{id}/end", null);
    }

    [Fact]
    public async Task AnUploadCutShortByAKilledServerLeavesNothingInTheLibraryAndCanBeSentAgain()
    {
        var photo = SampleMedia.Png(1600, 900, SKColors.SeaGreen);
        var incoming = Path.Combine(system.AssetRoot, AssetStore.IncomingFolder);
        string[] Partial() => Directory.Exists(incoming) ? Directory.GetFiles(incoming) : [];

        // Killed while receiving: the first half of the file has arrived, the rest never comes.
        using (var console = await SignageSystem.SignInAsync(system.ServerUrl))
        {
            var rest = new TaskCompletionSource();
            var sending = console.PostAsync("/api/media", new HalfSentUpload(photo, rest.Task));
            await system.WaitAsync(() => Task.FromResult(Partial().Length > 0 ? "receiving" : null),
                TimeSpan.FromSeconds(30), "the server to start receiving the upload");
            system.StopServer();
            rest.SetResult();
            await Assert.ThrowsAnyAsync<Exception>(() => sending);
        }

        // Killed while saving: the file is stored, the library's row waits on its audit entry.
        await system.StartServerAsync();
        using (var console = await SignageSystem.SignInAsync(system.ServerUrl))
        {
            await using var hold = await system.LockAsync("AuditEntries");
            var saving = console.PostAsync("/api/media", Upload(photo));
            await system.WaitAsync(async () => await system.WaitingOnALockAsync() ? "waiting" : null, TimeSpan.FromSeconds(30), "the upload to reach its commit");
            system.StopServer();
            await hold.ReleaseAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => saving);
        }

        // The partial upload is an hour old by the time a server starts again and sweeps it.
        Assert.NotEmpty(Partial());
        foreach (var partial in Partial())
        {
            File.SetLastWriteTimeUtc(partial, SignageSystem.RealClock.GetUtcNow().UtcDateTime.AddHours(-2));
        }

        await system.StartServerAsync();
        await system.WaitAsync(() => Task.FromResult(Partial().Length == 0 ? "swept" : null), TimeSpan.FromSeconds(30), "start-up to remove the partial upload");
        using var after = await SignageSystem.SignInAsync(system.ServerUrl);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(photo));
        Assert.DoesNotContain(sha256, await after.GetStringAsync("/api/media"), StringComparison.Ordinal);
        await using (var db = system.Database.CreateDb())
        {
            Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "media.uploaded"));
        }

        // Sent again, it is a new item of the library, whole.
        using var again = await after.PostAsync("/api/media", Upload(photo));
        Assert.Equal(System.Net.HttpStatusCode.Created, again.StatusCode);
        var media = await after.GetStringAsync("/api/media");
        Assert.Single(System.Text.Json.JsonDocument.Parse(media).RootElement.EnumerateArray(), m => m.GetProperty("name").GetString() == "Parc des sports");
    }

    static MultipartFormDataContent Upload(byte[] photo) => new()
    {
        { new StringContent("Parc des sports"), "name" },
        { new ByteArrayContent(photo) { Headers = { ContentType = new("image/png") } }, "file", "parc.png" },
    };

    /// <summary>A multipart upload that sends the first half of its file, then waits for <c>rest</c> and ends there, unfinished.</summary>
    sealed class HalfSentUpload : HttpContent
    {
        const string Boundary = "signage-cut-short";
        readonly byte[] photo;
        readonly Task rest;

        public HalfSentUpload(byte[] photo, Task rest)
        {
            this.photo = photo;
            this.rest = rest;
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var head = System.Text.Encoding.UTF8.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"parc.png\"\r\nContent-Type: image/png\r\n\r\n");
            await stream.WriteAsync(head);
            await stream.WriteAsync(photo.AsMemory(0, photo.Length / 2));
            await stream.FlushAsync();
            await rest;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task AnAnnouncementLeftRenderingWithoutAJobIsRenderedWhenAServerStarts()
    {
        system.StopServer();
        // Written by a client whose jobs vanish: a row as an older version could leave after a crash.
        await using var lossy = CoreTestServices.Build(system.Database, system.AssetRoot, new RecordingNotifier(),
            s => s.AddSingleton<IBackgroundJobClient>(new VanishingJobClient()));
        Announcement announcement;
        await using (var scope = lossy.CreateAsyncScope())
        {
            announcement = await scope.ServiceProvider.GetRequiredService<AnnouncementService>()
                .PublishAsync(new PublishAnnouncement("Marché nocturne", "Vendredi de 18 h à 23 h, place de la mairie.", system.GroupId));
        }

        Assert.Equal(AnnouncementStatus.Rendering, await StatusAsync(announcement.Id));

        await system.StartServerAsync();

        await system.WaitAsync(async () => await StatusAsync(announcement.Id) == AnnouncementStatus.Published ? "published" : null,
            Recovery, "start-up to queue the forgotten render");
    }

    async Task<AnnouncementStatus> StatusAsync(Guid id)
    {
        await using var scope = system.Core.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignageDb>().Announcements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync();
    }

    sealed class VanishingJobClient : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => Guid.NewGuid().ToString();

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}
