namespace TradeBot.Core.Retrieval;

/// <summary>The day "today" means in a question: the newest article date held, or the clock's date when feeds bring news in.</summary>
public interface IRecencyReference
{
    Task<DateTimeOffset?> TodayAsync(CancellationToken cancellationToken = default);
}
