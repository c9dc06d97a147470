using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Stores.Qdrant;
using TradeBot.Core.Tests.TestSupport;
using TradeBot.Hosting;
using TradeBot.Suggestions;

namespace TradeBot.Tests.Hosting;

/// <summary>The containers the server and the command line are built with: one registration for each key service, one store.</summary>
public sealed class TradeBotHostTests : IDisposable
{
    private static readonly Type[] KeyServices = [.. PipelineServices.Key, typeof(IQuestionSuggester)];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tradebot-host-");

    [Theory]
    [InlineData("embedded", typeof(SqlitePassageCollection))]
    [InlineData("qdrant", typeof(QdrantPassageCollection))]
    public async Task Server_EachProvider_OneRegistrationForEachKeyServiceAndOneStore(string provider, Type store)
    {
        IServiceCollection registered = null!;
        await using var app = BotServer.Build(Arguments(provider), Corpus, Data, services => registered = services);

        foreach (var service in KeyServices)
        {
            Assert.Single(registered, d => d.ServiceType == service);
        }
        Assert.Single(registered, d => d.ServiceType == store);
        Assert.IsType(store, app.Services.GetRequiredService<IKeywordHybridSearchable<PassageRecord>>());
        Assert.IsType<CorpusQuestions>(app.Services.GetRequiredService<IQuestionSuggester>());
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).Order();
        Assert.Equal(provider == "qdrant" ? ["corpus", QdrantHealthCheck.Name] : ["corpus"], checks);
    }

    [Theory]
    [InlineData("embedded", typeof(SqlitePassageCollection))]
    [InlineData("qdrant", typeof(QdrantPassageCollection))]
    public void CommandLine_EachProvider_TheServersRegistrationsWithoutTheWebHost(string provider, Type store)
    {
        var builder = TradeBotHost.CreateBuilder(Arguments(provider)).AddTradeNews(Corpus, Data);
        using var host = builder.Build();

        foreach (var service in KeyServices)
        {
            Assert.Single(builder.Services, d => d.ServiceType == service);
        }
        Assert.Single(builder.Services, d => d.ServiceType == store);
        Assert.IsType(store, host.Services.GetRequiredService<IKeywordHybridSearchable<PassageRecord>>());
        Assert.Equal(AppContext.BaseDirectory, builder.Environment.ContentRootPath);
        Assert.Equal((Corpus, Data), (builder.Configuration["Corpus:Path"], builder.Configuration["Corpus:DataPath"]));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Corpus => Path.Combine(_folder.FullName, "corpus");

    private string Data => Path.Combine(_folder.FullName, "data");

    private static string[] Arguments(string provider) =>
        ["--urls", "http://127.0.0.1:0", "--VectorStore:Provider=" + provider, "--VectorStore:Qdrant:Endpoint=http://127.0.0.1:6334", "--Embeddings:Provider=builtin"];
}
