using Microsoft.AspNetCore.Builder;
using TradeBot.Hosting;
using TradeBot.Tests.Bot;

namespace TradeBot.Tests.WebChat;

/// <summary>
/// The real TradeBot server as <c>BotServer</c> builds it (corpus pipeline, bot, Web Chat, Direct Line) on a free
/// loopback port, over a temporary copy of the repository's corpus plus one linked article page; started once
/// ingestion is done.
/// </summary>
internal sealed class WebChatServer : IAsyncDisposable
{
    public const string LinkedArticleFile = "eu-steel-quotas.html";
    public const string LinkedArticleUrl = "https://example.test/eu-steel-quotas";

    public const string SigningKey = "dGVzdC1zaWduaW5nLWtleS1mb3ItdHJhZGVib3QtZGlyZWN0bGluZS0wMTIz";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"tradebot-webchat-{Guid.NewGuid():N}");
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public static async Task<WebChatServer> StartAsync(params string[] settings)
    {
        var server = new WebChatServer();
        var corpus = Directory.CreateDirectory(Path.Combine(server._folder, "corpus")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "corpus"), "*.txt"))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }
        // An article page with an outlet and a link, so that a source can be followed.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "articles", LinkedArticleFile), Path.Combine(corpus, LinkedArticleFile));

        string[] args = ["--urls", "http://127.0.0.1:0", $"--DirectLine:SigningKey={SigningKey}", "--Logging:LogLevel:Default=Warning", .. settings.Select(s => "--" + s)];
        server._app = BotServer.Build(args, corpus, Path.Combine(server._folder, "data"));
        await server._app.StartAsync();
        server.Address = LoopbackHost.AddressOf(server._app);
        server.Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        await server.WaitUntilReadyAsync();
        return server;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            using var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative), timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned up by the system.
        }
    }
}
