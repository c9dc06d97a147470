using System.Net.Http.Headers;
using System.Net.Http.Json;
using TradeBot.BotFramework.DirectLine;

namespace TradeBot.Tests.DirectLine;

/// <summary>Plain HTTP calls to the Direct Line routes, as a client without directlinejs makes them.</summary>
internal static class DirectLineHttp
{
    /// <summary>POST /api/directline/token, expecting success.</summary>
    public static async Task<DirectLineConversationInfo> IssueTokenAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/api/directline/token", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DirectLineConversationInfo>())!;
    }

    /// <summary>A token and its started conversation.</summary>
    public static async Task<DirectLineConversationInfo> StartConversationAsync(HttpClient client)
    {
        var issued = await IssueTokenAsync(client);
        using var started = await SendAsync(client, HttpMethod.Post, "/v3/directline/conversations", issued.Token);
        started.EnsureSuccessStatusCode();
        return issued;
    }

    public static Task<HttpResponseMessage> GetActivitiesAsync(HttpClient client, string conversationId, string? token) =>
        SendAsync(client, HttpMethod.Get, $"/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/activities", token);

    public static Task<HttpResponseMessage> PostMessageAsync(HttpClient client, string conversationId, string? token, string text, string userId = "user") =>
        SendAsync(client, HttpMethod.Post, $"/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/activities", token,
            JsonContent.Create(new { type = "message", from = new { id = userId }, text }));

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string? token) =>
        SendAsync(client, HttpMethod.Post, "/v3/directline/tokens/refresh", token);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
