using TradeBot.Core.Text;

namespace TradeBot.Core.Ingestion;

/// <summary>A passage: a run of whole sentences of an article body, verbatim (<c>body.Substring(Start, Text.Length)</c>).</summary>
public sealed record PassageText(int Ordinal, int Start, string Text);

/// <summary>
/// Splits an article body into passages of whole sentences, about <see cref="TargetLength"/> characters each, and
/// repeats the last sentence of a passage at the start of the next so that a fact that spans the cut is kept whole.
/// </summary>
public static class PassageSplitter
{
    public const int TargetLength = 600;
    public const int MaxLength = 1200;

    public static IReadOnlyList<PassageText> Split(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sentences = SentenceSplitter.Split(body);
        var passages = new List<PassageText>();
        var first = 0;
        while (first < sentences.Count)
        {
            var last = first;
            while (last + 1 < sentences.Count
                && End(sentences[last]) - sentences[first].Start < TargetLength
                && End(sentences[last + 1]) - sentences[first].Start <= MaxLength)
            {
                last++;
            }
            var start = sentences[first].Start;
            passages.Add(new PassageText(passages.Count, start, body[start..End(sentences[last])]));
            if (last + 1 >= sentences.Count)
            {
                break;
            }
            // Overlap by one sentence, unless the passage is a single sentence (then move on).
            first = last > first ? last : last + 1;
        }
        return passages;
    }

    private static int End(Sentence sentence) => sentence.Start + sentence.Length;
}
