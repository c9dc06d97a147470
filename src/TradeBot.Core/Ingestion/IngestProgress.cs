namespace TradeBot.Core.Ingestion;

/// <summary>Progress of an ingestion run in bytes of corpus files read, which is known before the articles are.</summary>
public sealed record IngestProgress(long BytesDone, long BytesTotal, int ArticlesSeen, string CurrentFile);
