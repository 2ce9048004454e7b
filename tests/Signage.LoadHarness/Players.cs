using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Signage.Contracts.Hub;

namespace Signage.LoadHarness;

/// <summary>
/// N simulated players as raw WebSockets: each records when the first <c>AlertRaised</c> record of a round
/// reached it (<see cref="Stopwatch"/> ticks), confirms it with a non-blocking <c>AckAlert</c> invocation when
/// <see cref="Acknowledge"/> is set (recording when the last confirmation was sent), and answers the hub's pings.
/// </summary>
internal sealed class Players : IAsyncDisposable
{
    const byte Separator = 0x1e;
    static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    static readonly byte[] AlertRaised = Encoding.UTF8.GetBytes("\"AlertRaised\"");
    static readonly byte[] AlertCleared = Encoding.UTF8.GetBytes("\"AlertCleared\"");
    static readonly byte[] ManifestChanged = Encoding.UTF8.GetBytes("\"ManifestChanged\"");
    static readonly byte[] PingRecord = Encoding.UTF8.GetBytes("{\"type\":6}");

    readonly ClientWebSocket?[] sockets;
    readonly long[] alertAt;
    readonly CancellationTokenSource stop = new();
    readonly List<Task> loops = [];
    int alerts;
    long lastAckSent;
    int cleared;
    int manifests;
    int failures;
    byte[]? alertRecord;

    public Players(int count)
    {
        sockets = new ClientWebSocket?[count];
        alertAt = new long[count];
    }

    public int Count => sockets.Length;

    /// <summary>Players confirm each alert as a display does (the SignalR players; the floor's have nothing to confirm).</summary>
    public bool Acknowledge { get; init; }

    /// <summary>When the round's last confirmation was sent (<see cref="Stopwatch"/> ticks), 0 before any.</summary>
    public long LastAckSent => Interlocked.Read(ref lastAckSent);

    public int Connected { get; private set; }

    public int Alerts => Volatile.Read(ref alerts);

    public int Cleared => Volatile.Read(ref cleared);

    public int Manifests => Volatile.Read(ref manifests);

    public int Failures => Volatile.Read(ref failures);

    /// <summary>The first <c>AlertRaised</c> record a player received, separator included: what the floor sends.</summary>
    public byte[]? AlertRecord => Volatile.Read(ref alertRecord);

    /// <summary>Connects every player, <paramref name="parallel"/> at a time; <paramref name="uri"/> gives each one's address.</summary>
    public async Task ConnectAsync(Func<int, Uri> uri, bool signalR, int parallel, CancellationToken ct)
    {
        var connected = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            try
            {
                await socket.ConnectAsync(uri(i), token);
                if (signalR)
                {
                    await socket.SendAsync(Handshake, WebSocketMessageType.Text, true, token);
                }

                sockets[i] = socket;
                Interlocked.Increment(ref connected);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException)
            {
                Interlocked.Increment(ref failures);
                socket.Dispose();
            }
        });
        Connected = connected;
        lock (loops)
        {
            for (var i = 0; i < Count; i++)
            {
                if (sockets[i] is { } socket)
                {
                    var index = i;
                    loops.Add(Task.Run(() => ReceiveAsync(index, socket, stop.Token), CancellationToken.None));
                }
            }
        }
    }

    /// <summary>Forgets the previous round's receipts.</summary>
    public void Reset()
    {
        Array.Clear(alertAt);
        Volatile.Write(ref alerts, 0);
        Interlocked.Exchange(ref lastAckSent, 0);
    }

    /// <summary>Milliseconds from <paramref name="start"/> to each player's receipt; players that got nothing are left out.</summary>
    public List<double> LatenciesSince(long start, Func<int, bool>? which = null) =>
        [.. alertAt.Where((t, i) => t != 0 && (which is null || which(i))).Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds)];

    async Task ReceiveAsync(int index, ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var pending = new ArrayBufferWriter<byte>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                var at = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.Increment(ref failures);
                    return;
                }

                var data = buffer.AsMemory(0, result.Count);
                while (data.Span.IndexOf(Separator) is var end and >= 0)
                {
                    ReadOnlyMemory<byte> record = data[..end];
                    if (pending.WrittenCount > 0)
                    {
                        pending.Write(record.Span);
                        record = pending.WrittenMemory.ToArray();
                        pending.ResetWrittenCount();
                    }

                    await HandleAsync(index, socket, record, at, ct);
                    data = data[(end + 1)..];
                }

                pending.Write(data.Span);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            if (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }

    async Task HandleAsync(int index, ClientWebSocket socket, ReadOnlyMemory<byte> record, long at, CancellationToken ct)
    {
        var span = record.Span;
        if (span.SequenceEqual(PingRecord))
        {
            await socket.SendAsync(Ping, WebSocketMessageType.Text, true, ct);
        }
        else if (span.IndexOf(AlertRaised) >= 0)
        {
            if (Volatile.Read(ref alertRecord) is null)
            {
                Interlocked.CompareExchange(ref alertRecord, [.. span, Separator], null);
            }

            if (Interlocked.CompareExchange(ref alertAt[index], at, 0) == 0)
            {
                Interlocked.Increment(ref alerts);
                if (Acknowledge)
                {
                    await socket.SendAsync(AckFor(record), WebSocketMessageType.Text, true, ct);
                    var sent = Stopwatch.GetTimestamp();
                    long seen;
                    while ((seen = Interlocked.Read(ref lastAckSent)) < sent && Interlocked.CompareExchange(ref lastAckSent, sent, seen) != seen)
                    {
                        // Another player moved it meanwhile: compare again.
                    }
                }
            }

        }
        else if (span.IndexOf(AlertCleared) >= 0)
        {
            Interlocked.Increment(ref cleared);
        }
        else if (span.IndexOf(ManifestChanged) >= 0)
        {
            Interlocked.Increment(ref manifests);
        }
    }

    /// <summary>A non-blocking invocation (no id, so no answer) confirming the alert of this <c>AlertRaised</c> record.</summary>
    static byte[] AckFor(ReadOnlyMemory<byte> record)
    {
        using var json = JsonDocument.Parse(record);
        var alertId = json.RootElement.GetProperty("arguments")[0].GetProperty("alertId").GetGuid();
        return Encoding.UTF8.GetBytes($"{{\"type\":1,\"target\":\"{PlayerHubContract.AckAlert}\",\"arguments\":[\"{alertId}\"]}}\u001e");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        Task[] running;
        lock (loops)
        {
            running = [.. loops];
        }

        await Task.WhenAll(running);
        foreach (var socket in sockets)
        {
            socket?.Abort();
            socket?.Dispose();
        }

        stop.Dispose();
    }
}
