using TradeBot.Core.Answers;
using TradeBot.Teams;

namespace TradeBot.Tests.Bot;

public sealed class TeamsCitationsTests
{
    [Fact]
    public void ToMessageCitation_UnknownOutletAndDate_HasNoEmptyKeywords()
    {
        var citation = new Citation(1, "a.txt", string.Empty, string.Empty, null, null, "China said Friday it is reviewing a U.S. offer.");

        var card = TeamsCitations.ToMessageCitation(citation, citation.DisplayTitle);

        Assert.Empty(card.Keywords);
        Assert.Equal("Untitled article (a.txt)", card.Name);
    }

    [Fact]
    public void ToMessageCitation_OutletAndDate_AreTheKeywords()
    {
        var citation = new Citation(2, "b", "Title", "Reuters", new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero), "https://example.test/b", "Quote.");

        var card = TeamsCitations.ToMessageCitation(citation, citation.DisplayTitle);

        Assert.Equal(["Reuters", "2 May 2025"], card.Keywords);
        Assert.Equal(("Title", "https://example.test/b", "Quote."), (card.Name, card.Url, card.Abstract));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("https://example.test/b\n[2]: javascript:alert(1)")]
    public void ToMessageCitation_UrlThatIsNoWebAddress_IsLeftOut(string url)
    {
        var citation = new Citation(2, "b", "Title", "Reuters", null, url, "Quote.");

        Assert.Null(TeamsCitations.ToMessageCitation(citation, citation.DisplayTitle).Url);
    }
}
