using System.Text.Json;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Teams;

namespace TradeBot.BotFramework.Tests.Teams;

public sealed class AIMessageEntityTests
{
    [Fact]
    public void Create_TwoCitations_WritesOneRootMessageEntityWithClaims()
    {
        var entity = AIMessageEntity.Create(
        [
            new MessageCitation(1, "EU sets duties on Chinese EVs", "https://example.com/ev", "The Commission imposed provisional duties.", ["Reuters"]),
            new MessageCitation(2, new string('x', 120), null, new string('y', 300), []),
        ]);

        var json = JsonSerializer.SerializeToElement(entity, ActivitySerializer.Options);
        Assert.Equal("https://schema.org/Message", json.GetProperty("type").GetString());
        Assert.Equal("Message", json.GetProperty("@type").GetString());
        Assert.Equal("AIGeneratedContent", json.GetProperty("additionalType")[0].GetString());
        var citations = json.GetProperty("citation");
        Assert.Equal(2, citations.GetArrayLength());
        Assert.Equal(1, citations[0].GetProperty("position").GetInt32());
        Assert.Equal("https://example.com/ev", citations[0].GetProperty("appearance").GetProperty("url").GetString());
        var second = citations[1].GetProperty("appearance");
        Assert.Equal(80, second.GetProperty("name").GetString()!.Length);
        Assert.Equal(160, second.GetProperty("abstract").GetString()!.Length);
        Assert.False(second.TryGetProperty("url", out _));
    }
}
