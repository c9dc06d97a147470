using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>
/// A turn context that records what the bot sends and answers each send with <see cref="Respond"/> (default: an id
/// per call, as a channel does), for testing helpers that react to the channel's answers.
/// </summary>
internal sealed class ScriptedTurnContext(Activity activity, bool expectsReplies = false) : ITurnContext
{
    private readonly List<Activity> _sent = [];

    public Activity Activity { get; } = activity;

    public bool Responded { get; private set; }

    public bool ExpectsReplies { get; } = expectsReplies;

    /// <summary>Given the 1-based call number and the activity, the channel's answer.</summary>
    public Func<int, Activity, ResourceResponse> Respond { get; set; } = (call, _) => new ResourceResponse($"sent-{call}");

    public IReadOnlyList<Activity> Sent => _sent;

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        _sent.Add(Clone(activity));
        Responded |= activity.IsType(ActivityTypes.Message);
        return Task.FromResult(Respond(_sent.Count, activity));
    }

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateReply(text), cancellationToken);

    // The helper may change an activity after a refusal and send it again; record each send as it was.
    private static Activity Clone(Activity activity) =>
        System.Text.Json.JsonSerializer.Deserialize<Activity>(System.Text.Json.JsonSerializer.Serialize(activity, ActivitySerializer.Options), ActivitySerializer.Options)!;
}
