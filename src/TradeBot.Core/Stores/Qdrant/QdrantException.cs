using Grpc.Core;
using Microsoft.Extensions.VectorData;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// A failed Qdrant call. Derives from <see cref="VectorStoreException"/> so the pipeline can treat every store the
/// same way; <see cref="Kind"/> names the cause.
/// </summary>
public sealed class QdrantException : VectorStoreException
{
    public QdrantException()
    {
    }

    public QdrantException(string message)
        : base(message)
    {
    }

    public QdrantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal QdrantException(QdrantErrorKind kind, string operation, string message, StatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException!)
    {
        Kind = kind;
        StatusCode = statusCode;
        OperationName = operation;
        VectorStoreSystemName = "qdrant";
    }

    public QdrantErrorKind Kind { get; }

    /// <summary>The gRPC status Qdrant answered with, when it answered at all.</summary>
    public StatusCode? StatusCode { get; }

    /// <summary>True when retrying later may succeed (the server was down, slow or busy).</summary>
    public bool IsTransient => Kind is QdrantErrorKind.Unreachable or QdrantErrorKind.Timeout
        or QdrantErrorKind.RateLimited or QdrantErrorKind.ServerError;
}
