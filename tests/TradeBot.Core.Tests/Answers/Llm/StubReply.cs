using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TradeBot.Core.Tests.Answers.Llm;

/// <summary>One scripted response of <see cref="OpenAIStubServer"/> to a chat completion request.</summary>
internal sealed class StubReply(Func<HttpContext, bool, Task> write)
{
    /// <summary>A completion with this content, as one JSON object or as server-sent events when the request streams.</summary>
    public static StubReply Content(string content, TimeSpan? delay = null) => new(async (context, stream) =>
    {
        if (delay is { } wait)
        {
            await Task.Delay(wait, context.RequestAborted);
        }
        if (stream)
        {
            context.Response.ContentType = "text/event-stream";
            // Split mid-marker on purpose, as real tokenizers do.
            foreach (var chunk in Chunks(content))
            {
                var delta = new { id = "chatcmpl-stub", @object = "chat.completion.chunk", created = 1, model = "stub-model",
                    choices = new[] { new { index = 0, delta = new { role = "assistant", content = chunk }, finish_reason = (string?)null } } };
                await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(delta)}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            return;
        }
        var completion = new
        {
            id = "chatcmpl-stub", @object = "chat.completion", created = 1, model = "stub-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(completion), context.RequestAborted);
    });

    public static StubReply Status(int status, string body = "{\"error\":{\"message\":\"stub failure\"}}", string? retryAfter = null, string? retryAfterMs = null) => new(async (context, _) =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        if (retryAfterMs is not null)
        {
            context.Response.Headers["retry-after-ms"] = retryAfterMs;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    });

    /// <summary>200 with a body that is not a chat completion.</summary>
    public static StubReply Malformed() => new(async (context, stream) =>
    {
        context.Response.ContentType = stream ? "text/event-stream" : "application/json";
        await context.Response.WriteAsync(stream ? "data: {\"choices\": [ {\"delta\": \n\n" : "{\"choices\": [ {\"message\": ", context.RequestAborted);
    });

    public Task WriteAsync(HttpContext context, bool stream) => write(context, stream);

    private static IEnumerable<string> Chunks(string content)
    {
        for (var i = 0; i < content.Length; i += 5)
        {
            yield return content.Substring(i, Math.Min(5, content.Length - i));
        }
    }
}
