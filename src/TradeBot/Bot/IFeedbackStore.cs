namespace TradeBot.Bot;

/// <summary>Keeps the feedback users give on answers.</summary>
internal interface IFeedbackStore
{
    Task AddAsync(FeedbackRecord record, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default);
}
