using TradeBot.Cli;

return await CliApplication.RunAsync(args, Console.Error);
