using TradeBot.Core.Stores;

namespace TradeBot.Core.Retrieval;

/// <summary>Corrects a term the corpus never uses to the most frequent corpus term within a small edit distance.</summary>
public static class SpellingCorrector
{
    private const int MinLength = 4;

    public static string? Correct(string term, TermStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (term.Length < MinLength || term.Any(char.IsDigit))
        {
            return null;
        }
        var maxDistance = term.Length >= 5 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        foreach (var (candidate, frequency) in statistics.DocumentFrequencies)
        {
            if (frequency < 2 || Math.Abs(candidate.Length - term.Length) > maxDistance || candidate[0] != term[0])
            {
                continue;
            }
            var distance = Distance(term, candidate, maxDistance);
            if (distance <= maxDistance && (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency)))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), cut off above <paramref name="limit"/>.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit)
            {
                return limit + 1;
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
