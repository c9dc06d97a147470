namespace TradeBot.Bot;

/// <summary>Tags of the ASP.NET Core health checks: checks tagged <see cref="Ready"/> decide <c>/readyz</c>.</summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
