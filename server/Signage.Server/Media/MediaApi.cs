using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Signage.Core.Media;
using Signage.Server.Accounts;

namespace Signage.Server.Media;

/// <summary>
/// The media library over HTTP. Uploads are multipart/form-data read section by section and streamed to disk with a
/// byte counter: never buffered whole, never through IFormFile (which would spool the whole body before we could refuse it).
/// </summary>
public static class MediaApi
{
    /// <summary>Room for the multipart boundaries, part headers and the name field around the file itself.</summary>
    const long MultipartMargin = 64 * 1024;

    const int MaxFieldBytes = 4 * 1024;

    public static void MapMedia(this IEndpointRouteBuilder routes)
    {
        // Editors may upload. Like the other POST APIs this one is called with the console's SameSite=Strict cookie
        // and binds no form, so ASP.NET Core's antiforgery check does not apply to it.
        var media = routes.MapGroup("/api/media").WithTags("Media").RequireAuthorization(Policies.Staff).ProducesRefusals();
        media.MapGet("/", List);
        media.MapGet("/{id:guid}", Get);
        media.MapPost("/", Upload).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record MediaSummary(
        Guid Id, string Name, string Sha256, MediaKind Kind, string MediaType, int Width, int Height, double? DurationSeconds, long Size, DateTimeOffset UploadedAt)
    {
        public static MediaSummary Of(MediaItem m) =>
            new(m.Id, m.Name, m.Sha256, m.Kind, m.MediaType, m.Width, m.Height, m.DurationSeconds, m.Size, m.UploadedAt);
    }

    static async Task<Ok<List<MediaSummary>>> List(MediaLibrary library, CancellationToken ct) =>
        TypedResults.Ok((await library.ListAsync(ct)).ConvertAll(MediaSummary.Of));

    static async Task<Results<Ok<MediaSummary>, NotFound>> Get(Guid id, MediaLibrary library, CancellationToken ct) =>
        await library.FindAsync(id, ct) is { } item ? TypedResults.Ok(MediaSummary.Of(item)) : TypedResults.NotFound();

    /// <summary>
    /// One file part (any field name) and an optional "name" field for the display name, else the file's name.
    /// 201 with the new item, 200 with the existing one when the same bytes are already in the library,
    /// 400 with the refusal's code and French message otherwise.
    /// </summary>
    static async Task<Results<Created<MediaSummary>, Ok<MediaSummary>, ProblemHttpResult>> Upload(
        HttpContext http, MediaLibrary library, CancellationToken ct)
    {
        // Only this endpoint accepts more than Kestrel's default 30 MB; the counter below enforces the exact limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = library.MaxBytes + MultipartMargin;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return Refusal("not-multipart", "Envoyez le fichier en multipart/form-data.");
        }

        string? tempPath = null;
        try
        {
            if (http.Request.ContentLength > library.MaxBytes + MultipartMargin)
            {
                library.EnsureSizeAllowed(http.Request.ContentLength.Value);
            }

            string? fileName = null, name = null;
            var reader = new MultipartReader(boundary, http.Request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Refusal("not-multipart", "Chaque partie de l'envoi doit être un champ de formulaire.");
                }

                if (disposition.IsFileDisposition())
                {
                    if (tempPath is not null)
                    {
                        return Refusal("one-file", "Envoyez un seul fichier à la fois.");
                    }

                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    tempPath = await library.ReceiveAsync(section.Body, null, ct);
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Equals("name", StringComparison.OrdinalIgnoreCase))
                {
                    name = await ReadFieldAsync(section.Body, ct);
                }
                else
                {
                    await section.Body.DrainAsync(ct);
                }
            }

            if (tempPath is null)
            {
                return Refusal("no-file", "Aucun fichier dans l'envoi.");
            }

            var path = tempPath;
            tempPath = null; // UploadAsync consumes it, whatever happens.
            var (item, created) = await library.UploadAsync(path, string.IsNullOrWhiteSpace(name) ? fileName ?? "" : name, ct);
            return created
                ? TypedResults.Created($"/api/media/{item.Id}", MediaSummary.Of(item))
                : TypedResults.Ok(MediaSummary.Of(item));
        }
        catch (MediaRejectedException e)
        {
            return Refusal(e.Code, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var tooLarge = library.UploadTooLarge();
            return Refusal(tooLarge.Code, tooLarge.Message);
        }
        finally
        {
            if (tempPath is not null)
            {
                File.Delete(tempPath);
            }
        }
    }

    static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes)
            {
                throw new Signage.Core.ValidationException("name", $"Le nom du fichier dépasse {MediaItem.MaxNameLength} caractères.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    static ProblemHttpResult Refusal(string code, string detail) => TypedResults.Problem(
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        title: "Fichier refusé",
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
