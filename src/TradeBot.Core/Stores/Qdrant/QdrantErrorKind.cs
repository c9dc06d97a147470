namespace TradeBot.Core.Stores.Qdrant;

/// <summary>Why a Qdrant call failed, so callers (and people reading logs) can act on the cause.</summary>
public enum QdrantErrorKind
{
    Unreachable,
    Timeout,
    Unauthorized,
    CollectionMissing,
    VectorSizeMismatch,
    EmbedderMismatch,
    RateLimited,
    ServerError,
    BadRequest,
    MalformedResponse,
}
