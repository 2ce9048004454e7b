using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Signage.Core.Accounts;
using Signage.Core.Imaging;
using Signage.Core.Media;
using Signage.TestSupport;
using SkiaSharp;

namespace Signage.Server.Tests;

public class MediaApiTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task AnEditorUploadsAPngAndTheAssetIsServedBack()
    {
        using var client = await server.ClientAsAsync(Roles.Editor);
        var png = SampleMedia.Png(120, 80, SKColors.Goldenrod);

        using var response = await UploadAsync(client, png, "affiche-fête.png");

        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("affiche-fête.png", item.GetProperty("name").GetString());
        Assert.Equal("Image", item.GetProperty("kind").GetString());
        Assert.Equal("image/png", item.GetProperty("mediaType").GetString());
        Assert.Equal((120, 80), (item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("durationSeconds").ValueKind);
        var sha = item.GetProperty("sha256").GetString()!;
        Assert.Equal($"/api/media/{item.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);

        using var asset = await client.GetAsync($"/api/assets/{sha}");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("image/png", asset.Content.Headers.ContentType?.MediaType);
        var stored = await asset.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(stored)));
        Assert.Equal(stored.LongLength, item.GetProperty("size").GetInt64());
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((120, 80), (decoded.Width, decoded.Height));

        var list = await client.GetFromJsonAsync<JsonElement>("/api/media");
        Assert.Contains(list.EnumerateArray(), m => m.GetProperty("sha256").GetString() == sha);
    }

    [Fact]
    public async Task TheSameFileUploadedTwiceIsOneItemAndOneFile()
    {
        using var client = await server.ClientAsAsync(Roles.Publisher);
        var png = SampleMedia.Png(50, 50, SKColors.MediumPurple);

        using var first = await UploadAsync(client, png, "logo.png");
        using var second = await UploadAsync(client, png, "logo (copie).png");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var one = await first.Content.ReadFromJsonAsync<JsonElement>();
        var two = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(one.GetProperty("id").GetGuid(), two.GetProperty("id").GetGuid());
        Assert.Equal("logo.png", two.GetProperty("name").GetString());
        var sha = one.GetProperty("sha256").GetString()!;
        Assert.Single(StoreFiles(), f => Path.GetFileName(f).Contains(sha, StringComparison.Ordinal));
        await using var db = server.Database.CreateDb();
        Assert.Equal(1, await db.MediaItems.CountAsync(m => m.Sha256 == sha));
        Assert.Equal(1, await db.Assets.CountAsync(a => a.Sha256 == sha));
        Assert.Empty(IncomingFiles());
    }

    [Fact]
    public async Task AJpegWithAGpsPositionIsStoredWithoutItsExif()
    {
        using var client = await server.ClientAsAsync(Roles.Editor);
        var photo = SampleMedia.JpegWithGps();
        Assert.True(SampleMedia.Contains(photo, "Exif"u8) && SampleMedia.Contains(photo, SampleMedia.GpsLatitude), "the test photo must carry its metadata");

        using var response = await UploadAsync(client, photo, "photo.jpg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sha = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString();
        var stored = await client.GetByteArrayAsync($"/api/assets/{sha}");
        Assert.Equal(0xFF, stored[0]);
        Assert.False(SampleMedia.Contains(stored, "Exif"u8), "EXIF left in the stored image");
        Assert.False(SampleMedia.Contains(stored, SampleMedia.GpsLatitude), "GPS latitude left in the stored image");
        Assert.False(SampleMedia.Contains(stored, "FauxPhone"u8), "camera model left in the stored image");
    }

    [Theory]
    [InlineData("mp4", "video/mp4")]
    [InlineData("webm", "video/webm")]
    public async Task AVideoFromAPhoneIsStoredWithoutItsPositionAndWithEveryFrameInPlace(string sample, string mediaType)
    {
        using var client = await server.ClientAsAsync(Roles.Editor);
        var video = sample == "mp4" ? SampleMedia.Mp4WithLocation() : SampleMedia.WebmWithLocation();
        var location = Encoding.ASCII.GetBytes(SampleMedia.Location);
        Assert.True(SampleMedia.Contains(video, location), "the test video must carry its position");

        using var response = await UploadAsync(client, video, $"vacances.{sample}");

        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Video", item.GetProperty("kind").GetString());
        Assert.Equal(mediaType, item.GetProperty("mediaType").GetString());
        Assert.Equal(12.5, item.GetProperty("durationSeconds").GetDouble());
        var sha = item.GetProperty("sha256").GetString()!;
        var stored = await client.GetByteArrayAsync($"/api/assets/{sha}");
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(stored)));
        Assert.False(SampleMedia.Contains(stored, location), "GPS position left in the stored video");
        Assert.False(SampleMedia.Contains(stored, Encoding.ASCII.GetBytes(SampleMedia.CameraModel)), "camera model left in the stored video");
        // Overwritten in place: same length, and the frames are where the file's indexes say they are.
        Assert.Equal(video.Length, stored.Length);
        var frames = video.AsSpan().IndexOf(SampleMedia.VideoData);
        Assert.Equal(SampleMedia.VideoData, stored.AsSpan(frames, SampleMedia.VideoData.Length).ToArray());
        Assert.Empty(IncomingFiles());
    }

    [Fact]
    public async Task AVideoCutShortIsRefusedWithWhatIsMissingAndLeavesNothingBehind()
    {
        using var client = await server.ClientAsAsync(Roles.Editor);
        var cut = SampleMedia.Mp4WithLocation()[..^1000];
        var before = await CountsAsync();
        var files = StoreFiles();

        using var response = await UploadAsync(client, cut, "vacances.mp4");

        var problem = await AssertRefusedAsync(response, "truncated");
        Assert.Equal(
            "La vidéo est tronquée ou corrompue : la boîte MP4 « mdat » annonce 4 104 octets, mais il n'en reste que 3 104 dans le fichier.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoreFiles());
        Assert.Empty(IncomingFiles());
    }

    [Theory]
    [InlineData("truncated-jpeg", "moitié.jpg", "truncated")]
    [InlineData("png-bomb", "bombe.png", "too-many-pixels")]
    [InlineData("text", "affiche.png", "text")]
    [InlineData("svg", "logo.png", "svg")]
    [InlineData("zip", "film.mp4", "zip")]
    [InlineData("empty", "vide.jpg", "empty")]
    public async Task ABadFileIsRefusedWithItsReasonAndLeavesNothingBehind(string sample, string fileName, string code)
    {
        using var client = await server.ClientAsAsync(Roles.Editor);
        var bytes = sample switch
        {
            "truncated-jpeg" => SampleMedia.TruncatedJpeg(),
            "png-bomb" => SampleMedia.PngDeclaring(50_000, 50_000),
            "text" => SampleMedia.Text,
            "svg" => SampleMedia.SvgWithScript,
            "zip" => SampleMedia.Zip(),
            _ => [],
        };
        var before = await CountsAsync();
        var files = StoreFiles();

        using var response = await UploadAsync(client, bytes, fileName);

        await AssertRefusedAsync(response, code);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoreFiles());
        Assert.Empty(IncomingFiles());
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWhileBeingReceived()
    {
        const int limit = 4 * 1024;
        var small = server.WithWebHostBuilder(b => b.UseSetting("Signage:Media:MaxBytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = await SignedInAsync(small, Roles.Editor);
        // Noise does not compress: the PNG weighs well over the limit but under the multipart margin, so only the
        // byte counter can stop it; the second one is refused from its Content-Length before being read.
        var overLimit = NoisyPng(64, 64);
        var farOverLimit = NoisyPng(256, 256);
        Assert.InRange(overLimit.Length, limit + 1, 60 * 1024);
        Assert.True(farOverLimit.Length > 100 * 1024);
        var before = await CountsAsync();
        var files = StoreFiles();

        using var counted = await UploadAsync(client, overLimit, "grande.png");
        using var declared = await UploadAsync(client, farOverLimit, "immense.png");

        var problem = await AssertRefusedAsync(counted, "too-large");
        Assert.Equal("Le fichier dépasse la limite de 0,1 Mo : l'envoi a été interrompu.", problem.GetProperty("detail").GetString());
        await AssertRefusedAsync(declared, "too-large");
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoreFiles());
        Assert.Empty(IncomingFiles());
    }

    [Fact]
    public async Task SixConcurrentSmallFilesDeclaringLargeImagesOverTheDecodeBudgetAre503WithRetryAfterAndStoreNothing()
    {
        var tight = server.WithWebHostBuilder(b => b.UseSetting("Signage:Media:DecodeMemoryBytes", "200000000"));
        using var client = await SignedInAsync(tight, Roles.Editor);
        var budget = tight.Services.GetRequiredService<DecodeBudget>();
        var before = await CountsAsync();
        var files = StoreFiles();
        // 6300 × 6300 × 4 = 159 MB each: while one such decode runs, no other fits in 200 MB.
        var running = budget.Reserve(6300, 6300);
        var bombs = Enumerable.Range(0, 6).Select(i => UploadAsync(client, SampleMedia.PngDeclaring(6300, 6300), $"affiche-{i}.png"));

        var answers = await Task.WhenAll(bombs);

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), answer.Headers.RetryAfter?.Delta);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("busy-decoding", problem.GetProperty("code").GetString());
            Assert.Contains("Réessayez", problem.GetProperty("detail").GetString());
            answer.Dispose();
        }

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(files, StoreFiles());
        Assert.Empty(IncomingFiles());
        Assert.Equal(6300L * 6300 * 4, budget.Reserved);

        running.Dispose();
        using var afterwards = await UploadAsync(client, SampleMedia.Png(64, 48, SKColors.Teal), "affiche.png");
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
        Assert.Equal(0, budget.Reserved);
    }

    [Fact]
    public async Task AnAnonymousUploadIsRefused()
    {
        using var client = server.CreateClient(new() { AllowAutoRedirect = false });
        var before = await CountsAsync();

        using var response = await UploadAsync(client, SampleMedia.Png(20, 20, SKColors.Red), "anonyme.png");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task ABodyThatIsNotMultipartIsRefused()
    {
        using var client = await server.ClientAsAsync(Roles.Editor);
        using var content = new ByteArrayContent(SampleMedia.Png(20, 20, SKColors.Red));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var response = await client.PostAsync("/api/media", content);

        await AssertRefusedAsync(response, "not-multipart");
    }

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/api/media", form);
    }

    static async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@mairie.test";
        await server.WithAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email };
            Assert.True((await users.CreateAsync(user, "Staff-password-42")).Succeeded);
            return await users.AddToRoleAsync(user, role);
        });
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var signIn = await SignInTests.SignInAsync(client, email, "Staff-password-42");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    static byte[] NoisyPng(int width, int height)
    {
        var random = new Random(width);
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((uint)random.Next() | 0xFF000000));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    async Task<(int Items, int Assets)> CountsAsync()
    {
        await using var db = server.Database.CreateDb();
        return (await db.MediaItems.CountAsync(), await db.Assets.CountAsync());
    }

    string Root => server.Services.GetRequiredService<IOptions<AssetStoreOptions>>().Value.Root;

    string[] StoreFiles() => Directory.Exists(Root) ? [.. Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Order()] : [];

    string[] IncomingFiles()
    {
        var incoming = Path.Combine(Root, AssetStore.IncomingFolder);
        return Directory.Exists(incoming) ? Directory.GetFiles(incoming) : [];
    }
}
