using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Signage.Core.Media;

/// <summary>When a file of the store's incoming folder counts as left behind; bound from the section "Signage:Media".</summary>
public sealed class StaleUploadsOptions
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a file may stay unwritten in the incoming folder. An upload being received writes to its file at every
    /// chunk, on whichever node receives it, so only one cut short (a crash, a killed process) gets this old.
    /// Default one hour; at least <see cref="MinimumAge"/>.
    /// </summary>
    public TimeSpan StaleUploadAge { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// At start-up and hourly: deletes, and logs, the files of the store's incoming folder unwritten for
/// <see cref="StaleUploadsOptions.StaleUploadAge"/>, the partial uploads and normalized copies a crash left there.
/// </summary>
public sealed class StaleUploadsJob(AssetStore store, IOptions<StaleUploadsOptions> options, TimeProvider clock, ILogger<StaleUploadsJob> logger)
{
    public const string Id = "stale-uploads";

    /// <summary>Returns how many files it deleted.</summary>
    public int Run(CancellationToken ct)
    {
        var folder = new DirectoryInfo(store.IncomingPath);
        if (!folder.Exists)
        {
            return 0;
        }

        var writtenBefore = clock.GetUtcNow().UtcDateTime - options.Value.StaleUploadAge;
        var removed = 0;
        long bytes = 0;
        foreach (var file in folder.EnumerateFiles())
        {
            ct.ThrowIfCancellationRequested();
            var (length, written) = (file.Length, file.LastWriteTimeUtc);
            if (written >= writtenBefore)
            {
                continue;
            }

            try
            {
                file.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not remove the stale upload {File}.", file.FullName);
                continue;
            }

            removed++;
            bytes += length;
            logger.LogInformation("Removed the stale upload {File} ({Bytes} bytes, last written {Written:u}).", file.FullName, length, written);
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} stale upload file(s), {Bytes} bytes, from {Folder}.", removed, bytes, folder.FullName);
        }

        return removed;
    }
}
