using TradeBot.Core;
using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Stores;
using TradeBot.Suggestions;

namespace TradeBot.Hosting;

/// <summary>
/// How every host of TradeBot is built, the server's and the command line's: the content root is the application's
/// folder, so that <c>appsettings.json</c> is read from there wherever the process was started, then the environment
/// and the arguments, as <see cref="Host.CreateApplicationBuilder(HostApplicationBuilderSettings)"/> does.
/// </summary>
internal static class TradeBotHost
{
    public static HostApplicationBuilder CreateBuilder(string[] args) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

    public static WebApplicationBuilder CreateWebBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

    /// <summary>
    /// Adds the corpus pipeline (store, models, feeds, suggested questions), over <c>--corpus</c> and <c>--data</c>
    /// when given. Those resolve against the working folder, as any path typed on a command line; relative paths in
    /// settings resolve against <see cref="RepositoryRoot"/>.
    /// </summary>
    public static TBuilder AddTradeNews<TBuilder>(this TBuilder builder, string? corpus, string? data) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus is null ? null : Path.GetFullPath(corpus),
            ["Corpus:DataPath"] = data is null ? null : Path.GetFullPath(data),
        }.Where(setting => setting.Value is not null));
        var configuration = builder.Configuration;
        builder.Services
            .AddTradeNewsCorpus(configuration, RepositoryRoot.Find())
            .AddPassageStore(configuration)
            .AddTradeNewsModels(configuration)
            .AddTradeNewsFeeds(configuration)
            .AddCorpusQuestions();
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        return builder;
    }
}
