using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.Core.Rendering;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Core.Tests.Media;

public sealed class MediaLibraryTests(CoreFixture fixture) : IClassFixture<CoreFixture>
{
    [Fact]
    public async Task TheSameImageUploadedTwiceIsOneItemAndOneFile()
    {
        var png = SampleMedia.Png(64, 48, SKColors.Orange);

        var (first, created) = await fixture.UploadAsync(png, "  affiche.png ");
        var (second, createdAgain) = await fixture.UploadAsync(png, "copie.png");

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("affiche.png", second.Name);
        Assert.Equal((MediaKind.Image, "image/png", 64, 48), (first.Kind, first.MediaType, first.Width, first.Height));
        Assert.Single(StoredFiles(), f => Path.GetFileName(f) == first.Sha256);
        Assert.Empty(Incoming());
        await using var db = fixture.Database.CreateDb();
        Assert.Equal(1, await db.MediaItems.CountAsync(m => m.Sha256 == first.Sha256));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "media.uploaded" && a.SubjectId == first.Id));
    }

    [Fact]
    public async Task ARefusedFileLeavesNothingBehind()
    {
        var before = await CountsAsync();
        var files = StoredFiles();

        var refusal = await Assert.ThrowsAsync<MediaRejectedException>(() => fixture.UploadAsync(SampleMedia.PngDeclaring(50_000, 50_000), "bombe.png"));

        Assert.Equal("too-many-pixels", refusal.Code);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoredFiles());
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task AVideoIsStoredWithoutItsPositionUnderTheHashOfWhatIsStored()
    {
        var mp4 = SampleMedia.Mp4WithLocation();
        // The same clip filmed elsewhere: only the position differs, in every box that holds it.
        var elsewhere = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(mp4).Replace(SampleMedia.Location, "+45.7640+004.8357/", StringComparison.Ordinal));
        Assert.NotEqual(mp4, elsewhere);

        var (item, created) = await fixture.UploadAsync(mp4, "vacances.mp4");
        var (same, createdAgain) = await fixture.UploadAsync(elsewhere, "vacances (Lyon).mp4");

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(item.Id, same.Id);
        Assert.Equal((MediaKind.Video, "video/mp4", 1920, 1080, 12.5), (item.Kind, item.MediaType, item.Width, item.Height, item.DurationSeconds));
        var stored = await File.ReadAllBytesAsync(Assert.Single(StoredFiles(), f => Path.GetFileName(f) == item.Sha256));
        Assert.Equal(item.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
        Assert.Equal(mp4.LongLength, item.Size);
        Assert.False(SampleMedia.Contains(stored, Encoding.ASCII.GetBytes(SampleMedia.Location)), "GPS position left in the stored video");
        Assert.Empty(Incoming());
    }

    [Theory]
    [InlineData("png")]
    [InlineData("mp4")]
    public async Task AFailedSaveRemovesTheFileItHadStored(string sample)
    {
        var (bytes, name) = sample == "png" ? (SampleMedia.Png(30, 30, SKColors.Teal), "sarcelle.png") : (SampleMedia.Mp4(duration: 7000), "sarcelle.mp4");
        var before = await CountsAsync();
        var files = StoredFiles();

        // The uploader column holds 256 characters: the insert fails after the file was moved into the store.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => fixture.UploadAsync(bytes, name, actor: new string('a', 300)));

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoredFiles());
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task AnUploadWhoseCopiesJobCannotBeQueuedIsRefusedAndLeavesNothing()
    {
        var photo = SampleSlides.LargePhoto(2200, 1650);
        var before = await CountsAsync();
        var files = StoredFiles();
        await using var broken = CoreTestServices.Build(fixture.Database, fixture.Assets.Path, fixture.Notifier,
            services => services.AddSingleton<IBackgroundJobClient>(new RefusingJobClient()));

        // The row and its copies job are committed together: without the job there is no row, and no file either.
        await using (var scope = broken.CreateAsyncScope())
        {
            var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
            var temp = await library.ReceiveAsync(new MemoryStream(photo), null, CancellationToken.None);
            await Assert.ThrowsAsync<BackgroundJobClientException>(() => library.UploadAsync(temp, "kermesse.jpg", CancellationToken.None));
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoredFiles());
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task ASecondCopiesRunForOneItemWaitsForTheFirstAndThenScalesNothing()
    {
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(2100, 1400), "fanfare.jpg");
        await using var first = new NpgsqlConnection(fixture.Database.ConnectionString);
        await first.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MediaCopiesJob.ItemLockClass}, {MediaCopiesJob.ItemKey(item.Id)})", first))
        {
            await take.ExecuteNonQueryAsync();
        }

        // While a first run holds the item, a second one makes nothing: it waits (here until cancelled). Each test
        // of this class uploads a photo of its own size: the same bytes would be the same item.
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.WithAsync(async s =>
            {
                await s.GetRequiredService<MediaCopiesJob>().RunAsync(item.Id, patience.Token);
                return true;
            }));
        }

        await using var db = fixture.Database.CreateDb();
        Assert.Empty(await db.MediaVariants.Where(v => v.MediaItemId == item.Id).ToListAsync());
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MediaCopiesJob.ItemLockClass}, {MediaCopiesJob.ItemKey(item.Id)})", first))
        {
            await release.ExecuteNonQueryAsync();
        }

        await fixture.MakeCopiesAsync(item.Id);
        Assert.Equal(ImageVariants.SizesFor(2100, 1400).Count, await db.MediaVariants.CountAsync(v => v.MediaItemId == item.Id));
    }

    [Fact]
    public async Task AStoredOriginalThatNoLongerDecodesGetsNoCopiesAndNoRetry()
    {
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(1900, 1425), "abîmée.jpg");
        var original = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().FindAsync(item.Sha256));
        await File.WriteAllBytesAsync(original!.Value.Path, [0x00, 0x01, 0x02]);

        // Returns instead of throwing: Hangfire would otherwise retry a decode that cannot succeed.
        await fixture.MakeCopiesAsync(item.Id);

        await using var db = fixture.Database.CreateDb();
        Assert.Empty(await db.MediaVariants.Where(v => v.MediaItemId == item.Id).ToListAsync());
    }

    /// <summary>A job client whose storage is down.</summary>
    sealed class RefusingJobClient : IBackgroundJobClient
    {
        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state) => throw new BackgroundJobClientException("storage down", new InvalidOperationException());

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => throw new BackgroundJobClientException("storage down", new InvalidOperationException());
    }

    [Fact]
    public async Task ALargePhotoGetsACopyCoveringEachRenderSizeAndAThumbnailFromTheJobItsUploadQueues()
    {
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(), "marché.jpg");

        // The upload returns before any copy is made: scaling is the job's.
        await using var db = fixture.Database.CreateDb();
        Assert.Empty(await db.MediaVariants.Where(v => v.MediaItemId == item.Id).ToListAsync());
        Assert.Contains(item.Id, fixture.QueuedCopies());

        await fixture.MakeCopiesAsync(item.Id);

        var variants = await db.MediaVariants.Where(v => v.MediaItemId == item.Id).ToListAsync();
        Assert.Equal(RenderSizes.All.Count + 1, variants.Count);
        foreach (var size in RenderSizes.All.Select(s => new SKSizeI(s.Width, s.Height)).Append(ImageVariants.ThumbnailBox))
        {
            // Covers the size (a full-screen slide is drawn pixel for pixel), one side exactly: never more than needed.
            var copy = Assert.Single(variants, v => v.Width >= size.Width && v.Height >= size.Height && (v.Width == size.Width || v.Height == size.Height));
            Assert.Equal(4000 / (double)3000, copy.Width / (double)copy.Height, 2);
            var stored = await fixture.WithAsync(s => s.GetRequiredService<AssetStore>().FindAsync(copy.AssetSha256));
            Assert.NotNull(stored);
            Assert.Equal("image/jpeg", stored.Value.Asset.MediaType);
            using var codec = SKCodec.Create(stored.Value.Path);
            Assert.Equal((copy.Width, copy.Height), (codec.Info.Width, codec.Info.Height));
        }

        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task AnImageNoLargerThanTheScreensGetsOnlyAThumbnailAndOneNoLargerThanAThumbnailNothing()
    {
        var (tiny, _) = await fixture.UploadAsync(SampleMedia.Png(160, 120, SKColors.Maroon), "pictogramme.png");
        var (small, _) = await fixture.UploadAsync(SampleMedia.Png(1280, 720, SKColors.Navy), "bandeau.png");
        var (wide, _) = await fixture.UploadAsync(SampleMedia.Png(1920, 1080, SKColors.Olive), "panorama.png");

        Assert.DoesNotContain(tiny.Id, fixture.QueuedCopies());
        foreach (var item in new[] { tiny, small, wide })
        {
            await fixture.MakeCopiesAsync(item.Id);
        }

        await using var db = fixture.Database.CreateDb();
        Assert.Empty(await db.MediaVariants.Where(v => v.MediaItemId == tiny.Id).ToListAsync());
        var thumbnail = Assert.Single(await db.MediaVariants.Where(v => v.MediaItemId == small.Id).ToListAsync());
        Assert.Equal((256, 144), (thumbnail.Width, thumbnail.Height));
        // Only the 1280 × 720 slide is smaller than this image; the others would enlarge it.
        var copies = await db.MediaVariants.Where(v => v.MediaItemId == wide.Id).OrderBy(v => v.Width).ToListAsync();
        Assert.Equal([(256, 144), (1280, 720)], copies.Select(c => (c.Width, c.Height)));
        var thumbnails = await fixture.WithAsync(s => s.GetRequiredService<MediaLibrary>().ThumbnailsAsync());
        Assert.False(thumbnails.ContainsKey(tiny.Id));
        Assert.Equal(copies[0].AssetSha256, thumbnails[wide.Id]);
    }

    [Fact]
    public async Task TheCopiesJobRunTwiceOrTwiceAtOnceStoresEachCopyOnce()
    {
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(3000, 2000), "kiosque.jpg");

        await Task.WhenAll(fixture.MakeCopiesAsync(item.Id), fixture.MakeCopiesAsync(item.Id));
        var counts = await CountsAsync();
        var files = StoredFiles();
        await fixture.MakeCopiesAsync(item.Id);

        await using var db = fixture.Database.CreateDb();
        var variants = await db.MediaVariants.Where(v => v.MediaItemId == item.Id).ToListAsync();
        Assert.Equal(ImageVariants.SizesFor(3000, 2000).Count, variants.Count);
        Assert.All(variants, v => Assert.Contains(files, f => Path.GetFileName(f) == v.AssetSha256));
        Assert.Equal(counts, await CountsAsync());
        Assert.Equal(files, StoredFiles());
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task ACopiesJobThatFailsToSaveLeavesNothingBehindAndItsRetryStoresTheCopies()
    {
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(3200, 1800), "plage.jpg");
        var before = await CountsAsync();
        var files = StoredFiles();
        await using var db = fixture.Database.CreateDb();
        // The insert fails after the copies were moved into the store, as a lost connection would make it.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_variant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
            CREATE TRIGGER refuse_variant BEFORE INSERT ON signage."MediaVariants" FOR EACH ROW EXECUTE FUNCTION refuse_variant();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => fixture.MakeCopiesAsync(item.Id));
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER refuse_variant ON signage."MediaVariants"; DROP FUNCTION refuse_variant();""");
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoredFiles());
        Assert.Empty(Incoming());
        Assert.Empty(await db.MediaVariants.Where(v => v.MediaItemId == item.Id).ToListAsync());

        await fixture.MakeCopiesAsync(item.Id);

        Assert.Equal(ImageVariants.SizesFor(3200, 1800).Count, await db.MediaVariants.CountAsync(v => v.MediaItemId == item.Id));
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task TheCopiesJobOfAnItemGoneSinceDoesNothing()
    {
        var (item, _) = await fixture.UploadAsync(SampleSlides.LargePhoto(2400, 1600), "disparue.jpg");
        await using var db = fixture.Database.CreateDb();
        await db.MediaItems.Where(m => m.Id == item.Id).ExecuteDeleteAsync();
        var counts = await CountsAsync();
        var files = StoredFiles();

        await fixture.MakeCopiesAsync(item.Id);

        Assert.Equal(counts, await CountsAsync());
        Assert.Equal(files, StoredFiles());
        Assert.Empty(Incoming());
    }

    [Fact]
    public async Task ListIsNewestFirst()
    {
        var (older, _) = await fixture.UploadAsync(SampleMedia.Png(10, 10, SKColors.Red), "ancienne.png");
        var (newer, _) = await fixture.UploadAsync(SampleMedia.Png(10, 10, SKColors.Green), "récente.png");

        var items = await fixture.WithAsync(s => s.GetRequiredService<MediaLibrary>().ListAsync());

        Assert.True(items.FindIndex(i => i.Id == newer.Id) < items.FindIndex(i => i.Id == older.Id));
    }

    [Fact]
    public async Task ReceivingReportsProgressChunkByChunk()
    {
        var bytes = new byte[MediaLibrary.ChunkBytes * 3 + 1000];
        new Random(5).NextBytes(bytes);
        var reports = new List<long>();

        var path = await fixture.WithAsync(s => s.GetRequiredService<MediaLibrary>().ReceiveAsync(
            new MemoryStream(bytes), total => { reports.Add(total); return Task.CompletedTask; }, CancellationToken.None));

        try
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
            Assert.Equal(Path.Combine(fixture.Assets.Path, AssetStore.IncomingFolder), Path.GetDirectoryName(path));
            Assert.Equal(bytes.LongLength, reports[^1]);
            Assert.True(reports.Count >= 4, $"{reports.Count} progress reports");
            Assert.All(reports.Zip(reports.Skip(1)), p => Assert.InRange(p.Second - p.First, 1, MediaLibrary.ChunkBytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReceivingStopsPastTheLimitAndDeletesThePartialFile()
    {
        await using var services = CoreTestServices.Build(fixture.Database, fixture.Assets.Path, fixture.Notifier,
            s => s.Configure<MediaLimits>(l => l.MaxBytes = 1000));
        await using var scope = services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        var source = new CountingStream(new byte[MediaLibrary.ChunkBytes * 4]);

        var refusal = await Assert.ThrowsAsync<MediaRejectedException>(() => library.ReceiveAsync(source, null, CancellationToken.None));

        Assert.Equal("too-large", refusal.Code);
        // Stopped at the first chunk over the limit, not after reading the rest.
        Assert.Equal(MediaLibrary.ChunkBytes, source.BytesRead);
        Assert.Empty(Incoming());
    }

    [Theory]
    [InlineData("  photo.jpg  ", "photo.jpg")]
    [InlineData("C:\\Users\\agent\\photo.jpg", "C:Usersagentphoto.jpg")]
    [InlineData("../../etc/passwd", "....etcpasswd")]
    [InlineData("ligne\nsuivante", "lignesuivante")]
    public void DisplayNamesAreTrimmedAndLoseTheirPathSeparators(string given, string kept) =>
        Assert.Equal(kept, MediaLibrary.CleanName(given));

    [Fact]
    public void DisplayNamesAreCutAt255CharactersAndMayNotBeEmpty()
    {
        Assert.Equal(255, MediaLibrary.CleanName(new string('é', 400)).Length);
        Assert.Equal(254, MediaLibrary.CleanName(new string('x', 254) + "😀").Length);
        Assert.Throws<ValidationException>(() => MediaLibrary.CleanName(" / "));
    }

    async Task<(int Items, int Assets)> CountsAsync()
    {
        await using var db = fixture.Database.CreateDb();
        return (await db.MediaItems.CountAsync(), await db.Assets.CountAsync());
    }

    sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }

    string[] StoredFiles() => [.. Directory.GetFiles(fixture.Assets.Path, "*", SearchOption.AllDirectories).Order()];

    string[] Incoming() =>
        Directory.Exists(Path.Combine(fixture.Assets.Path, AssetStore.IncomingFolder))
            ? Directory.GetFiles(Path.Combine(fixture.Assets.Path, AssetStore.IncomingFolder))
            : [];
}
