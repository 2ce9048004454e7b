using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Signage.Core.Media;

/// <summary>When a file of the store's incoming folder counts as left behind; bound from the section "Signage:Media".</summary>
public sealed class StaleUploadsOptions
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a file may stay unwritten in the incoming folder, or as a temporary file in the store's hash folders. An
    /// upload being received writes to its file at every chunk, on whichever node receives it, and a file being stored
    /// is renamed right after it is written, so only one cut short (a crash, a killed process) gets this old.
    /// Default one hour; at least <see cref="MinimumAge"/>.
    /// </summary>
    public TimeSpan StaleUploadAge { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// At start-up and hourly: deletes, and logs, the files a crash left in the store and unwritten for
/// <see cref="StaleUploadsOptions.StaleUploadAge"/>: in the incoming folder, partial uploads, normalized copies and
/// scaled copies being made; in the hash folders, the temporary files of <see cref="AssetStore.TemporaryFiles"/>.
/// A file being stored is renamed within seconds of being written, so only one cut short gets that old.
/// </summary>
public sealed class StaleUploadsJob(AssetStore store, IOptions<StaleUploadsOptions> options, TimeProvider clock, ILogger<StaleUploadsJob> logger)
{
    public const string Id = "stale-uploads";

    /// <summary>Returns how many files it deleted.</summary>
    public int Run(CancellationToken ct)
    {
        var incoming = new DirectoryInfo(store.IncomingPath);
        var files = (incoming.Exists ? incoming.EnumerateFiles() : []).Concat(store.TemporaryFiles());
        var writtenBefore = clock.GetUtcNow().UtcDateTime - options.Value.StaleUploadAge;
        var removed = 0;
        long bytes = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            // A file being stored may have been renamed since it was listed.
            file.Refresh();
            if (!file.Exists || file.LastWriteTimeUtc >= writtenBefore)
            {
                continue;
            }

            var (length, written) = (file.Length, file.LastWriteTimeUtc);
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
            logger.LogInformation("Removed {Count} stale upload file(s), {Bytes} bytes, from the store {Root}.", removed, bytes, Path.GetDirectoryName(incoming.FullName));
        }

        return removed;
    }
}
