namespace TradeBot.Core.Text.Lexicon;

/// <summary>Words related to a word: synonyms, pertainyms, derived forms and containing places (strong); broader and narrower words (weak).</summary>
public sealed record RelatedWords(IReadOnlyList<string> Strong, IReadOnlyList<string> Weak)
{
    public static RelatedWords None { get; } = new([], []);
}
