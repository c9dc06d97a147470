using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using TradeBot.Core;
using TradeBot.Core.Ingestion.Feeds;
using TradeBot.Core.Stores;
using TradeBot.Suggestions;

namespace TradeBot.Cli;

/// <summary>The services of the command-line verbs: the same registrations as the server, without the web host.</summary>
internal static class CliServices
{
    public static ServiceProvider Build(string? corpus, string? data)
    {
        var overrides = new Dictionary<string, string?>();
        if (corpus is not null)
        {
            overrides["Corpus:Path"] = corpus;
        }
        if (data is not null)
        {
            overrides["Corpus:DataPath"] = data;
        }
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // On standard error, so that output meant for other programs (ask --json) stays clean; one line per entry.
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole(console =>
            {
                console.FormatterName = CliLogFormatter.Name;
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<CliLogFormatter, ConsoleFormatterOptions>()
            .SetMinimumLevel(LogLevel.Warning));
        services.AddTradeNewsCorpus(configuration, RepositoryRoot.Find());
        services.AddPassageStore(configuration);
        services.AddTradeNewsFeeds(configuration);
        services.AddTradeNewsModels(configuration);
        services.AddCorpusQuestions();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        // What a host does at start: every option registered with ValidateOnStart is checked now, not on first use.
        provider.GetService<IStartupValidator>()?.Validate();
        return provider;
    }
}
