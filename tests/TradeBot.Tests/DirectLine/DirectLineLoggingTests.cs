using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Tests.WebChat;

namespace TradeBot.Tests.DirectLine;

/// <summary>Direct Line tokens travel in the WebSocket URL (<c>stream?t=</c>); request logs must never carry them.</summary>
public sealed class DirectLineLoggingTests
{
    [Fact]
    public async Task Stream_RequestLogsAtInformation_NeverContainTheToken()
    {
        // An operator who turns the ASP.NET Core request logs on.
        await using var server = await WebChatServer.StartAsync(
            "Logging:LogLevel:Default=Information",
            "Logging:LogLevel:Microsoft.AspNetCore=Information",
            "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        var logs = new RecordingLoggerProvider();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var a = await DirectLineHttp.StartConversationAsync(server.Client);

        using var response = await server.Client.GetAsync(new Uri($"/v3/directline/conversations/{a.ConversationId}/stream?t={Uri.EscapeDataString(a.Token)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The request was logged at Information (by TradeBot, without its query string)...
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("/stream refused with 400", StringComparison.Ordinal));
        // ...and no log line holds the token.
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(a.Token, StringComparison.Ordinal) || e.Message.Contains("?t=", StringComparison.Ordinal));
    }
}
