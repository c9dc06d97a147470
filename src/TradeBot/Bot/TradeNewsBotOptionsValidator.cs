using Microsoft.Extensions.Options;

namespace TradeBot.Bot;

internal sealed class TradeNewsBotOptionsValidator : IValidateOptions<TradeNewsBotOptions>
{
    public ValidateOptionsResult Validate(string? name, TradeNewsBotOptions options)
    {
        var failures = new List<string>();
        if (options.MaxQuestionLength is < 10 or > 100_000)
        {
            failures.Add("TradeNewsBot:MaxQuestionLength must be between 10 and 100000.");
        }

        if (options.MemoryTurns is < 0 or > 50)
        {
            failures.Add("TradeNewsBot:MemoryTurns must be between 0 and 50.");
        }

        if (options.MemoryExpiry <= TimeSpan.Zero)
        {
            failures.Add("TradeNewsBot:MemoryExpiry must be positive.");
        }

        if (options.MaxConversations < 1)
        {
            failures.Add("TradeNewsBot:MaxConversations must be at least 1.");
        }

        if (options.StreamingInterval < TimeSpan.FromSeconds(1) || options.StreamingInterval > TimeSpan.FromSeconds(30))
        {
            failures.Add("TradeNewsBot:StreamingInterval must be between 00:00:01 and 00:00:30 (Teams allows about one streaming update per second).");
        }

        if (options.TypingInterval < TimeSpan.FromMilliseconds(10) || options.TypingInterval > TimeSpan.FromSeconds(30))
        {
            failures.Add("TradeNewsBot:TypingInterval must be between 00:00:00.010 and 00:00:30.");
        }

        if (string.IsNullOrWhiteSpace(options.FeedbackPath))
        {
            failures.Add("TradeNewsBot:FeedbackPath must name a file.");
        }

        if (options.MaxFeedbackLength is < 1 or > 100_000)
        {
            failures.Add("TradeNewsBot:MaxFeedbackLength must be between 1 and 100000.");
        }

        if (options.FeedbackPerConversation < 1 || options.FeedbackWindow <= TimeSpan.Zero)
        {
            failures.Add("TradeNewsBot:FeedbackPerConversation must be at least 1 and TradeNewsBot:FeedbackWindow positive.");
        }

        if (options.MaxFeedbackFileBytes < 1024)
        {
            failures.Add("TradeNewsBot:MaxFeedbackFileBytes must be at least 1024.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
