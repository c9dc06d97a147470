using System.CommandLine;
using TradeBot.Cli;

var root = new RootCommand("TradeBot: answers questions about trade news from a corpus of articles, citing its sources.")
{
    CorpusCommandOptions.Corpus,
    CorpusCommandOptions.Data,
    AskCommand.Create(),
    ChatCommand.Create(),
    IngestCommand.Create(),
    EvalCommand.Create(),
};
root.SetAction((parse, cancellationToken) => ChatCommand.RunAsync(parse.GetValue(CorpusCommandOptions.Corpus), parse.GetValue(CorpusCommandOptions.Data), cancellationToken));
return await root.Parse(args).InvokeAsync(cancellationToken: default);
