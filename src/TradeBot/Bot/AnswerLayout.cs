using System.Text.RegularExpressions;

namespace TradeBot.Bot;

/// <summary>
/// How an answer's Markdown is laid out in a chat: a paragraph of several claims (each a sentence or two that ends
/// with its <c>[n]</c> markers) becomes a list, one claim an item, so that each reads on its own with its sources.
/// Text without markers (a refusal) and a paragraph of one claim (the bold figure that leads) stay as they are.
/// </summary>
internal static partial class AnswerLayout
{
    public static string ClaimsAsList(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var paragraphs = markdown.Split("\n\n");
        for (var i = 0; i < paragraphs.Length; i++)
        {
            var claims = ClaimEnd().Split(paragraphs[i].Trim());
            if (claims.Length > 1)
            {
                paragraphs[i] = string.Join('\n', claims.Select(c => "- " + c.Trim()));
            }
        }

        return string.Join("\n\n", paragraphs);
    }

    /// <summary>The space after a sentence's end and its markers: "… imports. [1][2] Beijing …" splits after "[2]".</summary>
    [GeneratedRegex(@"(?<=[.!?…""”’)]\s*(?:\[\d+\])+)\s+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimEnd();
}
