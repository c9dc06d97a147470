namespace TradeBot.Tests.WebChat;

/// <summary>One real server for the browser and protocol tests (ingestion takes a while).</summary>
public sealed class WebChatServerFixture : IAsyncLifetime
{
    internal WebChatServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await WebChatServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
