using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Builder;

/// <summary>Collects a turn's activities for the HTTP body of an expectReplies request.</summary>
internal sealed class BufferedActivitySender : IActivitySender
{
    private readonly List<Activity> _activities = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (_gate)
            {
                return [.. _activities];
            }
        }
    }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _activities.Add(activity);
        }

        return Task.FromResult(new ResourceResponse(string.Empty));
    }
}
