using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Signage.TestSupport;

/// <summary>
/// A TCP relay in front of a server (PostgreSQL): <see cref="Cut"/> closes every relayed connection and refuses new
/// ones, as a database host gone from the network would, without stopping the cluster other tests use.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly string targetHost;
    readonly int targetPort;
    readonly ConcurrentDictionary<Socket, byte> sockets = new();
    readonly CancellationTokenSource stop = new();

    public TcpRelay(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Closes the relayed connections and the listening port: new connections are refused.</summary>
    public void Cut()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var socket in sockets.Keys)
        {
            socket.Close();
        }
    }

    public void Dispose()
    {
        Cut();
        stop.Dispose();
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    async Task RelayAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            sockets[client] = 0;
            sockets[server] = 0;
            try
            {
                await server.ConnectAsync(targetHost, targetPort, stop.Token);
                await Task.WhenAny(PipeAsync(client, server), PipeAsync(server, client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Cut, or one side closed: both sockets close below.
            }
            finally
            {
                sockets.TryRemove(client, out _);
                sockets.TryRemove(server, out _);
            }
        }
    }

    async Task PipeAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, stop.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The other direction's loop, or Cut, ends the relay.
        }
    }
}
