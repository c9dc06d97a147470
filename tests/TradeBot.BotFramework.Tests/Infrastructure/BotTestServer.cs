using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Hosting;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>The test bot behind the real adapter on a loopback Kestrel server, with a client for /api/messages.</summary>
internal sealed class BotTestServer : IAsyncDisposable
{
    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public RecordingLoggerProvider Logs { get; } = new();

    public static async Task<BotTestServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string environment = "Production")
    {
        var server = new BotTestServer();
        var (app, address) = await LoopbackHost.StartAsync(
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
                builder.Logging.AddProvider(server.Logs);
                builder.Services.AddBotFramework<TestBot>();
                services?.Invoke(builder.Services);
            },
            app => app.MapBotFrameworkMessages(),
            environment);
        server._app = app;
        server.Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return server;
    }

    public Task<HttpResponseMessage> PostAsync(Activity activity, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, options: ActivitySerializer.Options),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    public async Task<ExpectedReplies> PostExpectingRepliesAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var response = await PostAsync(activity);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ActivitySerializer.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
