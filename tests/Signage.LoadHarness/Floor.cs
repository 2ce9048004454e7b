using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Signage.LoadHarness;

/// <summary>
/// The floor: a bare WebSocket broadcast server on Kestrel, run as its own process (<c>floor PORT</c>).
/// <c>/ws</c> accepts and holds connections; <c>POST /broadcast</c> sends its body as one text message to
/// every connection at once and answers when every send has completed.
/// </summary>
internal static class Floor
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sockets = new ConcurrentDictionary<WebSocket, byte>();
        app.UseWebSockets();
        app.MapGet("/health/live", () => "ok");
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            sockets[socket] = 0;
            var buffer = new byte[256];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // The client went away: forget it below.
            }
            finally
            {
                sockets.TryRemove(socket, out _);
            }
        });
        app.MapPost("/broadcast", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var message = body.ToArray();
            await Task.WhenAll(sockets.Keys.Select(s => Send(s, message)));
            return TypedResults.NoContent();
        });
        await app.RunAsync();
        return 0;
    }

    static async Task Send(WebSocket socket, byte[] message)
    {
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // A connection closing meanwhile misses this message, as a player would.
        }
    }
}
