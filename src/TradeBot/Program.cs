Console.WriteLine("TradeBot: under construction");
