using TradeBot.Core.Stores;

namespace TradeBot.Core.Retrieval;

/// <summary>A passage found for a question: how much of the question it covers (0–1, IDF-weighted) and its fused rank score.</summary>
public sealed record RetrievedPassage(PassageRecord Passage, double Coverage, double FusedScore);
