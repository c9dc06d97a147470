namespace TradeBot.Tests.WebChat;

[CollectionDefinition(Name)]
public sealed class WebChatCollection : ICollectionFixture<WebChatServerFixture>
{
    public const string Name = "Web Chat server";
}
