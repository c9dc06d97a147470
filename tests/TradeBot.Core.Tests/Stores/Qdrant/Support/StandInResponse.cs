namespace TradeBot.Core.Tests.Stores.Qdrant.Support;

/// <summary>An answer of the Qdrant stand-in: status, content type and body text.</summary>
internal sealed record StandInResponse(int Status, string ContentType, string Body);
