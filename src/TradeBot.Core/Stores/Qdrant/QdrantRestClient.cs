using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TradeBot.Core.Stores.Qdrant.Api;

namespace TradeBot.Core.Stores.Qdrant;

/// <summary>
/// A small typed client for the Qdrant REST API (1.19 OpenAPI description): only the calls the passage store needs.
/// Every failure becomes a <see cref="QdrantException"/> that names its cause. Retries and backoff live in the
/// HttpClient's resilience handler, not here.
/// </summary>
internal sealed class QdrantRestClient
{
    private const int MaxErrorTextLength = 500;
    private static readonly MediaTypeHeaderValue s_jsonMediaType = new("application/json");

    private readonly Func<HttpClient> _httpClient;
    private readonly ILogger _logger;

    public QdrantRestClient(Func<HttpClient> httpClient, ILogger<QdrantRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _logger = logger;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "readyz");
        using var response = await _httpClient().SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    public async Task<bool> CollectionExistsAsync(string collection, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync<CollectionExistence>("collection exists", HttpMethod.Get, CollectionPath(collection, "/exists"), null, collection, cancellationToken).ConfigureAwait(false);
        return result.Exists;
    }

    public Task<CollectionInfo> GetCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<CollectionInfo>("get collection", HttpMethod.Get, CollectionPath(collection, string.Empty), null, collection, cancellationToken);

    public async Task CreateCollectionAsync(string collection, CreateCollectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SendAsync<bool>("create collection", HttpMethod.Put, CollectionPath(collection, string.Empty), request, collection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the collection; Qdrant answers 200 (result false) when it did not exist.</summary>
    public Task<bool> DeleteCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
        SendAsync<bool>("delete collection", HttpMethod.Delete, CollectionPath(collection, string.Empty), null, collection, cancellationToken);

    public Task<UpdateResult> CreatePayloadIndexAsync(string collection, CreateFieldIndexRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<UpdateResult>("create payload index", HttpMethod.Put, CollectionPath(collection, "/index?wait=true"), request, collection, cancellationToken);
    }

    /// <summary>Upserts one batch and waits until it is applied and visible.</summary>
    public Task<UpdateResult> UpsertPointsAsync(string collection, UpsertPointsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<UpdateResult>("upsert points", HttpMethod.Put, CollectionPath(collection, "/points?wait=true"), request, collection, cancellationToken);
    }

    public Task<UpdateResult> DeletePointsAsync(string collection, DeletePointsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Points is null) == (request.Filter is null))
        {
            throw new ArgumentException("A delete selects points either by ids or by a filter.", nameof(request));
        }
        return SendAsync<UpdateResult>("delete points", HttpMethod.Post, CollectionPath(collection, "/points/delete?wait=true"), request, collection, cancellationToken);
    }

    public Task<IReadOnlyList<PointStruct>> GetPointsAsync(string collection, GetPointsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<IReadOnlyList<PointStruct>>("get points", HttpMethod.Post, CollectionPath(collection, "/points"), request, collection, cancellationToken);
    }

    public Task<ScrollResult> ScrollAsync(string collection, ScrollRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<ScrollResult>("scroll points", HttpMethod.Post, CollectionPath(collection, "/points/scroll"), request, collection, cancellationToken);
    }

    public Task<QueryResponse> QueryAsync(string collection, QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<QueryResponse>("query points", HttpMethod.Post, CollectionPath(collection, "/points/query"), request, collection, cancellationToken);
    }

    private static string CollectionPath(string collection, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        return "collections/" + Uri.EscapeDataString(collection) + suffix;
    }

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string path, object? body, string collection, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // Bytes rather than a streamed JsonContent: the resilience handler may send the same request again.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), QdrantJson.Options));
            request.Content.Headers.ContentType = s_jsonMediaType;
        }

        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await _httpClient().SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Fail(operation, QdrantErrorKind.Unreachable, null, $"Qdrant is unreachable at {BaseAddress()} ({ex.Message}). Check that the server is running and VectorStore:Qdrant:Endpoint is right.", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Fail(operation, QdrantErrorKind.Timeout, null, $"Qdrant did not answer {operation} in time (VectorStore:Qdrant:Timeout).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(operation, QdrantErrorKind.Timeout, null, $"Qdrant did not answer {operation} in time (VectorStore:Qdrant:Timeout).", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw Fail(operation, QdrantErrorKind.Unreachable, null, $"Qdrant calls are paused after repeated failures at {BaseAddress()}; they resume automatically.", ex);
        }

        using (response)
        {
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw Fail(operation, QdrantErrorKind.Unreachable, response.StatusCode, $"The connection to Qdrant broke while reading the answer to {operation}.", ex);
            }
            QdrantLog.CallCompleted(_logger, operation, method.Method, path, (int)response.StatusCode, clock.ElapsedMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorFor(operation, collection, response, text);
            }
            return ParseResult<T>(operation, response.StatusCode, text);
        }
    }

    private T ParseResult<T>(string operation, HttpStatusCode statusCode, string text)
    {
        QdrantEnvelope<T>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<QdrantEnvelope<T>>(text, QdrantJson.Options);
        }
        catch (JsonException ex)
        {
            throw Fail(operation, QdrantErrorKind.MalformedResponse, statusCode, $"Qdrant answered {operation} with a body that is not the expected JSON: {Excerpt(text)}", ex);
        }
        if (envelope is null || envelope.Status.ValueKind != JsonValueKind.String || envelope.Result is null)
        {
            throw Fail(operation, QdrantErrorKind.MalformedResponse, statusCode, $"Qdrant answered {operation} without a result: {Excerpt(text)}", null);
        }
        return envelope.Result;
    }

    private QdrantException ErrorFor(string operation, string collection, HttpResponseMessage response, string text)
    {
        var status = response.StatusCode;
        var reason = ErrorText(response, text);
        var (kind, message) = (int)status switch
        {
            401 or 403 => (QdrantErrorKind.Unauthorized, $"Qdrant refused {operation} (HTTP {(int)status}): {reason}. Check VectorStore:Qdrant:ApiKey."),
            404 => (QdrantErrorKind.CollectionMissing, $"Qdrant collection '{collection}' does not exist ({reason}). Run ingestion to create it, or check VectorStore:Qdrant:CollectionName."),
            400 or 422 when reason.Contains("dimension", StringComparison.OrdinalIgnoreCase) =>
                (QdrantErrorKind.VectorSizeMismatch, $"Qdrant rejected {operation} because the vector size does not match the collection ({reason}). The collection was built with another embedder; re-index into a fresh collection (delete it or choose another VectorStore:Qdrant:CollectionName) and ingest again."),
            408 => (QdrantErrorKind.Timeout, $"Qdrant timed out on {operation}: {reason}."),
            429 => (QdrantErrorKind.RateLimited, $"Qdrant is rate limiting requests ({reason}); {operation} gave up after retries."),
            >= 500 => (QdrantErrorKind.ServerError, $"Qdrant failed on {operation} (HTTP {(int)status}) after retries: {reason}."),
            _ => (QdrantErrorKind.BadRequest, $"Qdrant rejected {operation} (HTTP {(int)status}): {reason}."),
        };
        return Fail(operation, kind, status, message, null);
    }

    /// <summary>The error text: from the JSON envelope when there is one, else the plain-text body (401/403 are plain text).</summary>
    private static string ErrorText(HttpResponseMessage response, string text)
    {
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("status", out var status)
                    && status.ValueKind == JsonValueKind.Object
                    && status.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.String)
                {
                    return Excerpt(error.GetString() ?? string.Empty);
                }
            }
            catch (JsonException)
            {
                // Fall through to the raw text: a broken error body is still worth showing.
            }
        }
        return text.Length == 0 ? response.ReasonPhrase ?? "no details" : Excerpt(text);
    }

    private static string Excerpt(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxErrorTextLength
            ? trimmed
            : string.Create(CultureInfo.InvariantCulture, $"{trimmed[..MaxErrorTextLength]}… ({trimmed.Length} characters)");
    }

    private string BaseAddress() => _httpClient().BaseAddress?.GetLeftPart(UriPartial.Authority) ?? "(no endpoint)";

    private QdrantException Fail(string operation, QdrantErrorKind kind, HttpStatusCode? status, string message, Exception? inner)
    {
        QdrantLog.CallFailed(_logger, operation, kind, status, message, inner);
        return new QdrantException(kind, operation, message, status, inner);
    }
}
