using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>
/// Feeds one accepted WebSocket with a conversation's activity sets (first those after the watermark, then live ones)
/// until the client closes it, the conversation ends or a newer socket of the same conversation takes over.
/// </summary>
internal sealed class DirectLineStreamPump(ILogger<DirectLineStreamPump> logger)
{
    public async Task RunAsync(WebSocket socket, DirectLineConversation conversation, string? watermark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(conversation);
        DirectLineLog.StreamOpened(logger, conversation.Id);
        var reader = conversation.Listen(watermark);
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveUntilClosedAsync(socket, closed);
        try
        {
            await foreach (var set in reader.ReadAllAsync(closed.Token))
            {
                var frame = JsonSerializer.SerializeToUtf8Bytes(set, ActivitySerializer.Options);
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            }

            // The conversation ended or a newer socket took over.
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed", CancellationToken.None);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
        finally
        {
            conversation.StopListening(reader);
            await closed.CancelAsync();
            await receiving;
            DirectLineLog.StreamClosed(logger, conversation.Id);
        }
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            // Clients only send keep-alives; a close (or a broken connection) ends the stream.
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // Ends the stream below.
        }

        await closed.CancelAsync();
    }
}
