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
/// up after about 15 s) while replies go out through the connector. Each conversation maps to one worker, so its turns
/// run one after another in arrival order while different conversations run in parallel. Bounded: when a worker's
/// queue is full, new turns for it are refused.
/// </summary>
internal sealed class BackgroundTurnQueue(
    IServiceScopeFactory scopeFactory,
    TurnRunner runner,
    IOptions<BotFrameworkOptions> options) : BackgroundService
{
    private readonly Channel<QueuedTurn>[] _partitions = [.. Enumerable.Range(0, options.Value.MaxConcurrentTurns)
        .Select(_ => Channel.CreateBounded<QueuedTurn>(new BoundedChannelOptions(Math.Max(1, options.Value.TurnQueueCapacity / options.Value.MaxConcurrentTurns))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        }))];

    public bool TryEnqueue(QueuedTurn turn) =>
        _partitions[PartitionOf(turn.Activity.Conversation?.Id ?? string.Empty, _partitions.Length)].Writer.TryWrite(turn);

    /// <summary>The worker of a conversation: a stable FNV-1a hash of its id, the same in every process.</summary>
    internal static int PartitionOf(string conversationId, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in conversationId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_partitions.Select(partition => WorkAsync(partition.Reader, stoppingToken)));

    private async Task WorkAsync(ChannelReader<QueuedTurn> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in reader.ReadAllAsync(stoppingToken))
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
