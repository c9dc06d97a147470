using System.CommandLine;

namespace TradeBot.Cli;

/// <summary>Options every verb takes: where the corpus and the data live.</summary>
internal static class CorpusCommandOptions
{
    public static Option<string?> Corpus { get; } = new("--corpus")
    {
        Description = "The corpus folder kept in sync (default: corpus/ of the repository)",
        Recursive = true,
    };

    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "The data folder for the embedded store (default: data/ of the repository)",
        Recursive = true,
    };
}
