using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TradeBot.Bot;
using TradeBot.BotFramework.Schema;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Answers;
using TradeBot.Suggestions;

namespace TradeBot.Tests.Bot;

/// <summary>
/// TradeBot's bot endpoints on a loopback Kestrel server, registered exactly as Program.cs does
/// (<c>AddTradeNewsBot</c>, <c>MapBotEndpoints</c>). The answerer and corpus overview default to the fakes; pass
/// <c>services</c> to register the real ones instead. Without a suggester of their own, the overview's examples are offered.
/// </summary>
internal sealed class TradeBotTestHost : IAsyncDisposable
{
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public FakeQuestionAnswerer Answerer { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public string FeedbackPath { get; } = Path.Combine(Path.GetTempPath(), $"tradebot-feedback-{Guid.NewGuid():N}.jsonl");

    public IServiceProvider Services => _app.Services;

    public static async Task<TradeBotTestHost> StartAsync(
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var host = new TradeBotTestHost();
        var (app, address) = await LoopbackHost.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["TradeNewsBot:FeedbackPath"] = host.FeedbackPath,
                });
                builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
                builder.Logging.AddProvider(host.Logs);
                builder.AddTradeNewsBot();
                if (services is null)
                {
                    builder.Services.AddSingleton<IQuestionAnswerer>(host.Answerer);
                    builder.Services.AddSingleton<ICorpusOverview, FakeCorpusOverview>();
                }
                else
                {
                    services(builder.Services);
                }
                builder.Services.TryAddSingleton<IQuestionSuggester, ConfiguredQuestions>();
            },
            app => app.MapBotEndpoints());
        host._app = app;
        host.Address = address;
        host.Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return host;
    }

    public Task<HttpResponseMessage> PostAsync(Activity activity) =>
        Client.PostAsJsonAsync("/api/messages", activity, ActivitySerializer.Options);

    public async Task<IReadOnlyList<Activity>> PostExpectingRepliesAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await PostAsync(activity);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ActivitySerializer.Options))!.Activities;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        File.Delete(FeedbackPath);
    }
}
