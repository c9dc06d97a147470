using TradeBot.BotFramework.Builder;

namespace TradeBot.Bot;

/// <summary>Shows "typing…" while an answer is prepared: one typing activity at once, then one every few seconds until disposed.</summary>
internal sealed class TypingIndicator : IAsyncDisposable
{
    private static readonly TimeSpan _interval = TimeSpan.FromSeconds(3);
    private readonly CancellationTokenSource _stop;
    private Task _loop = Task.CompletedTask;

    private TypingIndicator(CancellationToken cancellationToken) =>
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

    public static async Task<TypingIndicator> StartAsync(ITurnContext turnContext, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var indicator = new TypingIndicator(cancellationToken);
        await turnContext.SendActivityAsync(turnContext.Activity.CreateTypingReply(), cancellationToken);
        indicator._loop = indicator.RepeatAsync(turnContext, timeProvider);
        return indicator;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RepeatAsync(ITurnContext turnContext, TimeProvider timeProvider)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_interval, timeProvider, _stop.Token);
                await turnContext.SendActivityAsync(turnContext.Activity.CreateTypingReply(), _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The answer is ready.
        }
    }
}
