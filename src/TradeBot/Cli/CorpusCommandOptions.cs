using System.CommandLine;

namespace TradeBot.Cli;

/// <summary>Options every verb takes: where the corpus and the data live.</summary>
internal static class CorpusCommandOptions
{
    public static Option<string?> Corpus { get; } = new("--corpus")
    {
        Description = "The corpus kept in sync: a folder, or one file such as a .jsonl of articles (default: corpus/ of the repository)",
        Recursive = true,
    };

    public static Option<string?> Data { get; } = new("--data")
    {
        Description = "The data folder for the embedded store (default: data/ of the repository)",
        Recursive = true,
    };
}
