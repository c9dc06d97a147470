using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Hosting;

/// <summary>Either the activity of a request or the 4xx problem that explains why there is none.</summary>
internal sealed record ActivityReadResult(Activity? Activity, int Status, string? Title, string? Detail)
{
    public static ActivityReadResult Ok(Activity activity) => new(activity, 200, null, null);

    public static ActivityReadResult Fail(int status, string title, string detail) => new(null, status, title, detail);
}
