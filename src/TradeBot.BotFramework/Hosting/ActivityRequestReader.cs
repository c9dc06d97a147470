using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Hosting;

/// <summary>Reads and checks the Activity in a request body, turning every malformed input into a clear 4xx.</summary>
internal static class ActivityRequestReader
{
    private static readonly object _readKey = new();

    /// <summary>
    /// Reads the request's Activity once: the channel scheme reads it to check the token against it, and the adapter
    /// then gets the same result without reading the body again.
    /// </summary>
    public static async Task<ActivityReadResult> ReadOnceAsync(HttpContext httpContext, int maxBytes, CancellationToken cancellationToken)
    {
        if (httpContext.Items.TryGetValue(_readKey, out var kept) && kept is ActivityReadResult read)
        {
            return read;
        }

        read = await ReadAsync(httpContext.Request, maxBytes, cancellationToken);
        httpContext.Items[_readKey] = read;
        return read;
    }

    public static async Task<ActivityReadResult> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var read = await ParseAsync(request, maxBytes, cancellationToken);
        return read.Activity is { } activity ? Check(activity) : read;
    }

    /// <summary>
    /// Reads a JSON object into an Activity without the checks of a channel's activity (a Direct Line client sends
    /// neither <c>conversation</c> nor <c>serviceUrl</c>; the facade fills them in).
    /// </summary>
    public static async Task<ActivityReadResult> ParseAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return ActivityReadResult.Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the Activity as application/json.");
        }

        var body = await ReadBodyAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(maxBytes);
        }

        if (body.Length == 0)
        {
            return BadRequest("The request body is empty; send an Activity as a JSON object.");
        }

        Activity? activity;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return BadRequest($"The request body must be a JSON object (an Activity), not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            activity = document.RootElement.Deserialize<Activity>(ActivitySerializer.Options);
        }
        catch (JsonException exception)
        {
            return BadRequest($"The request body is not a valid Activity: {exception.Message}");
        }

        if (string.IsNullOrWhiteSpace(activity!.Type))
        {
            return BadRequest("The activity has no 'type'.");
        }

        // JSON allows null entries in these lists; no handler should have to expect them.
        activity.Entities?.RemoveAll(entity => entity is null);
        activity.Attachments?.RemoveAll(attachment => attachment is null);
        activity.MembersAdded?.RemoveAll(member => member is null);
        activity.MembersRemoved?.RemoveAll(member => member is null);
        return ActivityReadResult.Ok(activity);
    }

    private static ActivityReadResult Check(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return BadRequest("The activity has no 'conversation.id'.");
        }

        var expectsReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);
        if (activity.ServiceUrl is null)
        {
            return expectsReplies ? ActivityReadResult.Ok(activity) : BadRequest("The activity has no 'serviceUrl' to send replies to.");
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return BadRequest("The activity's 'serviceUrl' must be an absolute http or https URL.");
        }

        return ActivityReadResult.Ok(activity);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ActivityReadResult BadRequest(string detail) =>
        ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "Invalid activity", detail);

    private static ActivityReadResult TooLarge(int maxBytes) =>
        ActivityReadResult.Fail(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"The request body is larger than {maxBytes} bytes.");
}
