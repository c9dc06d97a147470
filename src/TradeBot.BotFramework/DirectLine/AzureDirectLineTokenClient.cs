using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TradeBot.BotFramework.DirectLine;

/// <summary>Exchanges the Direct Line secret for a short-lived conversation token (<c>POST /v3/directline/tokens/generate</c>).</summary>
internal sealed class AzureDirectLineTokenClient(HttpClient httpClient, IOptions<DirectLineOptions> options, ILogger<AzureDirectLineTokenClient> logger)
{
    public const string HttpClientName = "AzureDirectLine";

    public string Domain => options.Value.ServiceBaseUrl.TrimEnd('/') + DirectLineRoutes.Prefix;

    /// <summary>A token bound to <paramref name="userId"/>; null when the service refuses or cannot be reached.</summary>
    public async Task<DirectLineConversationInfo?> GenerateAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Domain + "/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.Secret);
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                DirectLineLog.AzureTokenRefused(logger, (int)response.StatusCode);
                return null;
            }

            var info = await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>(cancellationToken);
            return info is { Token.Length: > 0, ConversationId.Length: > 0 } ? info with { Domain = Domain, UserId = userId, StreamUrl = null } : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            DirectLineLog.AzureTokenFailed(logger, exception);
            return null;
        }
    }
}
