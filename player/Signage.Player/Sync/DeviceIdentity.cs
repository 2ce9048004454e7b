using System.Text;
using Microsoft.Extensions.Options;

namespace Signage.Player.Sync;

/// <summary>
/// The screen's device token: the configured one (<see cref="PlayerOptions.DeviceToken"/>) when set, else the one
/// pairing stored in <see cref="PlayerOptions.TokenPath"/>, else none until pairing gets one.
/// </summary>
public sealed class DeviceIdentity
{
    readonly string path;
    readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile string? token;

    public DeviceIdentity(IOptions<PlayerOptions> options)
    {
        path = options.Value.TokenPath;
        var found = options.Value.DeviceToken.Length > 0 ? options.Value.DeviceToken
            : File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8).Trim() : "";
        if (found.Length > 0)
        {
            token = found;
            ready.SetResult(found);
        }
    }

    /// <summary>The token, or null while the screen is not paired.</summary>
    public string? Token => token;

    /// <summary>Completes once the screen has a token.</summary>
    public Task<string> WaitAsync(CancellationToken ct) => ready.Task.WaitAsync(ct);

    /// <summary>
    /// Keeps the token pairing received: written to a temporary file readable and writable by this account only
    /// (0600 from its creation), flushed, then renamed over the old one, so a power cut leaves the old file or the new.
    /// </summary>
    public async Task StoreAsync(string value, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using (var stream = new FileStream(temp, file))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(value), ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        token = value;
        ready.TrySetResult(value);
    }
}
