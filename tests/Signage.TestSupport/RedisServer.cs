using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Signage.TestSupport;

/// <summary>
/// A private Redis for one test class: Debian's <c>redis-server</c> as a child process on 127.0.0.1 and a free port,
/// nothing saved to disk, ended by <see cref="Stop"/> or when disposed.
/// </summary>
public sealed class RedisServer : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    Process? process;

    RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts <c>redis-server</c> and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            var redis = new RedisServer(((IPEndPoint)listener.LocalEndpoint).Port);
            listener.Stop();
            try
            {
                await redis.RunAsync();
                return redis;
            }
            catch
            {
                redis.Dispose();
                throw;
            }
        }
    }

    /// <summary>Kills the server, as a crash would, and waits until it is gone.</summary>
    public void Stop()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already reaped: nothing left to end.
        }

        process.Dispose();
        process = null;
    }

    public void Dispose() => Stop();

    async Task RunAsync()
    {
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server (.ci/run installs it).", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var state = await Eventually.ValueAsync(async () => process.HasExited ? "exited" : await PingAsync() ? "up" : null,
            StartTimeout, $"redis-server to answer on port {Port}");
        if (state != "up")
        {
            throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} on port {Port}.");
        }
    }

    async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
