using System.IO.Compression;

namespace TradeBot.Core.Text.Lexicon;

/// <summary>
/// Related words from WordNet 3.0 (built into the assembly by tools/build_lexicon.py; see WORDNET-LICENSE.txt), with
/// WordNet's own rules for finding a word's base form ("levies" → "levy", "negotiations" → "negotiation").
/// </summary>
public static class WordNetLexicon
{
    private const string ResourceName = "TradeBot.Core.Text.Lexicon.wordnet-lexicon.tsv.gz";

    // WordNet's "morphy" detachment rules (noun, verb and adjective endings).
    private static readonly (string Suffix, string Replacement)[] s_detachments =
    [
        ("ies", "y"), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("s", ""),
        ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
    ];

    private static readonly Lazy<Dictionary<string, RelatedWords>> s_entries = new(Load);

    /// <summary>Whether WordNet knows the word (in any inflection): a known word is not a misspelling.</summary>
    public static bool Knows(string word) => Lookup(word) is not null;

    public static RelatedWords Related(string word) => Lookup(word) ?? RelatedWords.None;

    private static RelatedWords? Lookup(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = word.ToLowerInvariant();
        if (s_entries.Value.TryGetValue(lower, out var related))
        {
            return related;
        }
        foreach (var (suffix, replacement) in s_detachments)
        {
            if (lower.Length > suffix.Length + 2 && lower.EndsWith(suffix, StringComparison.Ordinal)
                && s_entries.Value.TryGetValue(lower[..^suffix.Length] + replacement, out related))
            {
                return related;
            }
        }
        return null;
    }

    private static Dictionary<string, RelatedWords> Load()
    {
        using var resource = typeof(WordNetLexicon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The lexicon resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var entries = new Dictionary<string, RelatedWords>(StringComparer.Ordinal);
        var aliases = new List<(string Word, string Base)>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                continue;
            }
            if (fields[1].StartsWith('='))
            {
                aliases.Add((fields[0], fields[1][1..]));
                continue;
            }
            entries[fields[0]] = new RelatedWords(Words(fields[1]), Words(fields[2]));
        }
        foreach (var (word, baseForm) in aliases)
        {
            if (entries.TryGetValue(baseForm, out var related))
            {
                entries[word] = related;
            }
        }
        return entries;
    }

    private static string[] Words(string field) => field.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
