using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TradeBot.Core.Articles;

namespace TradeBot.Core.Ingestion;

internal static class ContentHash
{
    /// <summary>Bump when cleaning, splitting or embedding changes, so that every article is processed again.</summary>
    private const string PipelineVersion = "7";

    /// <summary>
    /// What a file's recorded hash is qualified by: a file read by another version of the pipeline or embedder is read
    /// again even when its size and time are unchanged.
    /// </summary>
    public static string PipelineOf(string embedderName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{PipelineVersion}\u001f{embedderName}")))[..16];

    public static string Of(Article article, string embedderName)
    {
        var text = string.Join('\u001f', PipelineVersion, embedderName, article.Id, article.Title, article.Source, article.Url ?? string.Empty,
            article.Published?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty, article.Body);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
