using TradeBot.BotFramework.Builder;

namespace TradeBot.Bot;

/// <summary>Shows "typing…" while an answer is prepared: one typing activity at once, then one every few seconds until disposed.</summary>
internal sealed class TypingIndicator : IAsyncDisposable
{
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop;
    private Task _loop = Task.CompletedTask;

    private TypingIndicator(TimeSpan interval, CancellationToken cancellationToken)
    {
        _interval = interval;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public static async Task<TypingIndicator> StartAsync(ITurnContext turnContext, TimeProvider timeProvider, TimeSpan interval, CancellationToken cancellationToken)
    {
        var indicator = new TypingIndicator(interval, cancellationToken);
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
