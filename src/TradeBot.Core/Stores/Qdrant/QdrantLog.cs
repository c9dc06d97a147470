using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Log messages of the Qdrant store. Never logs the API key, and passage text only at Debug.</summary>
internal static partial class QdrantLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Qdrant {Operation} answered in {ElapsedMs} ms")]
    public static partial void CallCompleted(ILogger logger, string operation, long elapsedMs);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Qdrant {Operation} failed ({Kind}, gRPC {StatusCode}): {Reason}")]
    public static partial void CallFailed(ILogger logger, string operation, QdrantErrorKind kind, StatusCode? statusCode, string reason, Exception? exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Created Qdrant collection {Collection} for embedder {Embedder} with dimension {Dimension}")]
    public static partial void CollectionCreated(ILogger logger, string collection, string embedder, int dimension);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Deleted Qdrant collection {Collection}")]
    public static partial void CollectionDeleted(ILogger logger, string collection);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Upserted {Count} passages into Qdrant collection {Collection}")]
    public static partial void Upserted(ILogger logger, int count, string collection);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Qdrant readiness check failed")]
    public static partial void NotReachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "Retrying a Qdrant call (attempt {Attempt}) in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, int attempt, TimeSpan delay, string? reason);
}
