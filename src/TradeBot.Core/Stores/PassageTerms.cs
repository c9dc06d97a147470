using TradeBot.Core.Text;

namespace TradeBot.Core.Stores;

/// <summary>What a keyword index holds for a passage, whichever index it is (the embedded store's, or the term index beside a remote store).</summary>
internal static class PassageTerms
{
    /// <summary>The passage's analysed terms and those of its headline.</summary>
    public static string KeywordDocument(PassageRecord record) =>
        string.Join(' ', TextAnalyzer.Terms(record.Text).Concat(TextAnalyzer.Terms(record.Title)));
}
