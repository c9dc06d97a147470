using TradeBot.Core.Stores;

namespace TradeBot.Core.Answers.Llm;

/// <summary>An article given to the model as source <c>[Number]</c>, with the passages of it that were retrieved.</summary>
internal sealed record NumberedSource(int Number, IReadOnlyList<PassageRecord> Passages)
{
    public PassageRecord First => Passages[0];

    /// <summary>Numbers the articles of the passages in retrieval order, one source per article, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<NumberedSource> From(IEnumerable<PassageRecord> passages, int max)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var byArticle = new List<List<PassageRecord>>();
        foreach (var passage in passages)
        {
            var article = byArticle.Find(p => p[0].ArticleId == passage.ArticleId);
            if (article is not null)
            {
                article.Add(passage);
            }
            else if (byArticle.Count < max)
            {
                byArticle.Add([passage]);
            }
        }
        return byArticle.Select((p, i) => new NumberedSource(i + 1, p.OrderBy(x => x.Ordinal).ToList())).ToList();
    }
}
