namespace TradeBot.Core.Text;

/// <summary>
/// What retrieval and the answerer read from a passage: its analysed terms (text and headline), its sentences and each
/// sentence's terms. Worked out once for each passage text and kept for the passages recent questions retrieved, as
/// the same passages come back for question after question on a topic and analysis is most of what re-reading costs.
/// </summary>
internal sealed class PassageAnalysis
{
    /// <summary>The analyses of the last few thousand passages: some tens of megabytes at most.</summary>
    private static readonly BoundedCache<(string Text, string Title), PassageAnalysis> s_recent = new(4_096);

    // The sentences only when asked for: retrieval reads the terms of every candidate, the answerer the sentences of few.
    private readonly Lazy<(IReadOnlyList<Sentence> Sentences, IReadOnlyList<IReadOnlyList<string>> Terms)> _sentences;

    private PassageAnalysis(string text, string title)
    {
        TitleTerms = TextAnalyzer.Terms(title);
        Terms = TextAnalyzer.Terms(text).Concat(TitleTerms).ToHashSet(StringComparer.Ordinal);
        _sentences = new(() =>
        {
            var sentences = SentenceSplitter.Split(text);
            return (sentences, [.. sentences.Select(s => TextAnalyzer.Terms(s.Text))]);
        });
    }

    /// <summary>Every analysed term of the text and the headline.</summary>
    public IReadOnlySet<string> Terms { get; }

    public IReadOnlyList<string> TitleTerms { get; }

    public IReadOnlyList<Sentence> Sentences => _sentences.Value.Sentences;

    /// <summary>The analysed terms of each of <see cref="Sentences"/>, in the same order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> SentenceTerms => _sentences.Value.Terms;

    public static PassageAnalysis Of(string text, string title)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(title);
        return s_recent.GetOrAdd((text, title), key => new PassageAnalysis(key.Text, key.Title));
    }
}
