using System.Linq.Expressions;
using TradeBot.Core.Stores;

namespace TradeBot.Core.Retrieval;

/// <summary>A search for the passages that answer a question.</summary>
/// <param name="Question">The question as asked.</param>
/// <param name="Context">Earlier questions of the conversation, used when the question is a follow-up.</param>
/// <param name="From">Only articles published on or after this time.</param>
/// <param name="To">Only articles published on or before this time.</param>
/// <param name="Sources">Only these outlets.</param>
/// <param name="Top">How many passages at most.</param>
/// <param name="Filter">Any further condition on the passages (Semantic Kernel's text search filter).</param>
public sealed record RetrievalRequest(
    string Question,
    IReadOnlyList<string>? Context = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    IReadOnlyCollection<string>? Sources = null,
    int Top = 6,
    Expression<Func<PassageRecord, bool>>? Filter = null);
