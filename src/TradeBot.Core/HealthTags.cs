namespace TradeBot.Core;

/// <summary>Tags of the health checks: checks tagged <see cref="Ready"/> decide <c>/readyz</c>.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
