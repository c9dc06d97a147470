namespace TradeBot.Core.Ingestion;

/// <summary>A corpus file as last ingested: unchanged size and time mean it need not be read again.</summary>
public sealed record FileState(string Path, long Size, long Modified, string Hash);
