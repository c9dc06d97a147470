using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradeBot.BotFramework.Authentication;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Connector;

namespace TradeBot.BotFramework.Hosting;

/// <summary>
/// Runs acknowledged turns in the background, so that <c>/api/messages</c> answers 200 at once (Azure Bot Service gives
/// up after about 15 s) while replies go out through the connector. Bounded: when full, new turns are refused.
/// </summary>
internal sealed class BackgroundTurnQueue(
    IServiceScopeFactory scopeFactory,
    TurnRunner runner,
    IOptions<BotFrameworkOptions> options) : BackgroundService
{
    private readonly Channel<QueuedTurn> _channel = Channel.CreateBounded<QueuedTurn>(
        new BoundedChannelOptions(options.Value.TurnQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryEnqueue(QueuedTurn turn) => _channel.Writer.TryWrite(turn);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentTurns).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in _channel.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(turn, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(QueuedTurn turn, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.TurnTimeout);
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = turn.Sender ?? new ConnectorActivitySender(
            services.GetRequiredService<ConnectorClient>(),
            services.GetRequiredService<ServiceUrlPolicy>(),
            turn.ServiceUrlVouched);
        var context = new TurnContext(turn.Activity, sender, expectsReplies: false);
        await runner.RunAsync(services.GetRequiredService<IBot>(), context, timeout.Token);
    }
}
