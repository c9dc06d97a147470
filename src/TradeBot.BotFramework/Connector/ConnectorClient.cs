using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST client: replies (<c>POST {serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>) or
/// sends to the conversation. Transient failures are retried by the resilience pipeline of its HttpClient; a refusal
/// is logged with its status and reported as a response without id that carries the failure, never thrown.
/// </summary>
internal sealed class ConnectorClient(HttpClient httpClient, IConnectorTokenProvider tokenProvider, ILogger<ConnectorClient> logger)
{
    public const string HttpClientName = "TradeBot.BotFramework.Connector";

    public async Task<ResourceResponse> SendAsync(Activity activity, bool withToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id;
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUri) || string.IsNullOrEmpty(conversationId))
        {
            ConnectorLog.NotAddressed(logger, activity.Type);
            return new ResourceResponse { FailureStatusCode = 0 };
        }

        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId))
        {
            path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        }

        var url = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + path);
        try
        {
            var first = await PostAsync(url, activity, conversationId, withToken, forceRefresh: false, cancellationToken);
            using var response = first.StatusCode == HttpStatusCode.Unauthorized && withToken
                ? await RetryWithFreshTokenAsync(first, url, activity, conversationId, cancellationToken)
                : first;
            if (!response.IsSuccessStatusCode)
            {
                var operationId = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
                ConnectorLog.Refused(logger, activity.Type, serviceUri.Host, (int)response.StatusCode, operationId);
                return new ResourceResponse
                {
                    FailureStatusCode = (int)response.StatusCode,
                    FailureCode = await ReadErrorCodeAsync(response, cancellationToken),
                };
            }

            return await ReadResourceResponseAsync(response, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or MsalException
            or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            ConnectorLog.Failed(logger, activity.Type, serviceUri.Host, exception);
            return new ResourceResponse { FailureStatusCode = 0 };
        }
    }

    // A cached token the channel no longer accepts: fetch a fresh one and try once more.
    private async Task<HttpResponseMessage> RetryWithFreshTokenAsync(HttpResponseMessage refused, Uri url, Activity activity, string conversationId, CancellationToken cancellationToken)
    {
        refused.Dispose();
        return await PostAsync(url, activity, conversationId, withToken: true, forceRefresh: true, cancellationToken);
    }

    private async Task<HttpResponseMessage> PostAsync(Uri url, Activity activity, string conversationId, bool withToken, bool forceRefresh, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(activity, options: ActivitySerializer.Options),
        };
        request.Headers.TryAddWithoutValidation("x-ms-conversation-id", conversationId);
        if (withToken && await tokenProvider.GetTokenAsync(forceRefresh, cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await httpClient.SendAsync(request, cancellationToken);
    }

    private static async Task<ResourceResponse> ReadResourceResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return new ResourceResponse();
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ResourceResponse>(ActivitySerializer.Options, cancellationToken) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            // The id is optional; a channel that answers 2xx with another body still accepted the activity.
            return new ResourceResponse();
        }
    }

    // The channel's ErrorResponse: {"error":{"code":"…","message":"…"}}; anything else yields no code.
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                    ? code.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
