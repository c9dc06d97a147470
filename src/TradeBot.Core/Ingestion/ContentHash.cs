using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TradeBot.Core.Articles;

namespace TradeBot.Core.Ingestion;

internal static class ContentHash
{
    /// <summary>Bump when cleaning, splitting or embedding changes, so that every article is processed again.</summary>
    private const string PipelineVersion = "6";

    public static string Of(Article article, string embedderName)
    {
        var text = string.Join('\u001f', PipelineVersion, embedderName, article.Id, article.Title, article.Source, article.Url ?? string.Empty,
            article.Published?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty, article.Body);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
