namespace TradeBot.Core.Retrieval;

/// <summary>
/// Whether a text's analysed terms contain a query term: the same stem, stems that differ only in their last
/// letter after a common stem of five letters or more (Porter leaves "respond"/"respons" apart), or a stem of six
/// letters or more that begins the other with at most three letters to spare ("percent"/"percentag").
/// </summary>
public static class TermMatcher
{
    private const int MinCommonPrefix = 5;
    private const int MaxSuffix = 3;

    public static bool Contains(IReadOnlySet<string> textTerms, string term)
    {
        ArgumentNullException.ThrowIfNull(textTerms);
        ArgumentNullException.ThrowIfNull(term);
        if (textTerms.Contains(term))
        {
            return true;
        }
        if (term.Length < MinCommonPrefix + 1)
        {
            return false;
        }
        foreach (var candidate in textTerms)
        {
            var shorter = Math.Min(candidate.Length, term.Length);
            var difference = Math.Abs(candidate.Length - term.Length);
            var common = CommonPrefix(candidate, term);
            if ((difference <= 1 && shorter > MinCommonPrefix && common >= shorter - 1)
                || (difference <= MaxSuffix && shorter > MinCommonPrefix && common == shorter))
            {
                return true;
            }
        }
        return false;
    }

    private static int CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }
        return length;
    }
}
