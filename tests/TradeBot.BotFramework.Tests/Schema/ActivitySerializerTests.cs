using System.Text.Json;
using System.Text.Json.Nodes;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Schema;

public sealed class ActivitySerializerTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1700000000000",
          "timestamp": "2026-11-22T10:00:00.1234567Z",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "Ada", "aadObjectId": "0000-1", "futureField": { "x": 1 } },
          "conversation": { "id": "19:abc@thread.tacv2;messageid=17", "conversationType": "channel", "tenantId": "t-1", "isGroup": true },
          "recipient": { "id": "28:bot", "name": "TradeBot" },
          "text": "<at>TradeBot</at> tariffs?",
          "entities": [ { "type": "mention", "mentioned": { "id": "28:bot", "name": "TradeBot" }, "text": "<at>TradeBot</at>" } ],
          "channelData": { "tenant": { "id": "t-1" }, "eventType": "somethingNew" },
          "attachments": [ { "contentType": "text/html", "content": "<p>x</p>", "extra": [1, 2] } ],
          "brandNewTopLevel": { "nested": [true, null, "s"] }
        }
        """;

    [Fact]
    public void RoundTrip_TeamsMessageWithUnknownFields_KeepsEveryField()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, ActivitySerializer.Options)!;

        var written = JsonSerializer.Serialize(activity, ActivitySerializer.Options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsMessage), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Deserialize_PascalCaseNames_ReadsThemCaseInsensitively()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""{"Type":"message","Text":"hi","Conversation":{"Id":"c"}}""", ActivitySerializer.Options)!;

        Assert.Equal(("message", "hi", "c"), (activity.Type, activity.Text, activity.Conversation?.Id));
    }

    [Fact]
    public void Serialize_ReplyWithoutOptionalFields_WritesNoNullsAndNoEmptyArrays()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(TeamsMessage, ActivitySerializer.Options)!;

        var json = JsonSerializer.Serialize(inbound.CreateReply("answer"), ActivitySerializer.Options);

        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("entities", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"1700000000000\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateReply_InboundMessage_SwapsAccountsAndCopiesAddress()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(TeamsMessage, ActivitySerializer.Options)!;

        var reply = inbound.CreateReply("answer");

        Assert.Equal("28:bot", reply.From?.Id);
        Assert.Equal("29:1abc", reply.Recipient?.Id);
        Assert.Equal(inbound.Conversation, reply.Conversation);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("1700000000000", reply.ReplyToId);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }
}
