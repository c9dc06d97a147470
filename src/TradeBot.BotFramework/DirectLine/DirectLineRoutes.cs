namespace TradeBot.BotFramework.DirectLine;

/// <summary>Where the Direct Line endpoints live.</summary>
public static class DirectLineRoutes
{
    /// <summary>The Direct Line 3.0 base path; clients are given <c>{origin}/v3/directline</c> as their domain.</summary>
    public const string Prefix = "/v3/directline";

    /// <summary>The page's token endpoint: a self-hosted token, or one exchanged with Azure Direct Line for the secret.</summary>
    public const string TokenPath = "/api/directline/token";

    public const string CorsPolicy = "directline";

    internal static bool IsDirectLine(string path) =>
        path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || string.Equals(path, TokenPath, StringComparison.OrdinalIgnoreCase);
}
