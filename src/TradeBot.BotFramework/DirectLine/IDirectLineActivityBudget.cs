namespace TradeBot.BotFramework.DirectLine;

/// <summary>What conversations report to the store that bounds the activities kept over all of them.</summary>
internal interface IDirectLineActivityBudget
{
    /// <summary>A number that grows with every kept activity, so that the oldest over all conversations can be found.</summary>
    long NextAge();

    /// <summary>A conversation now keeps <paramref name="bytes"/> more bytes and <paramref name="count"/> more activities (either may be negative).</summary>
    void Changed(long bytes, int count);
}
