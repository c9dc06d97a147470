using Microsoft.Extensions.Options;

namespace TradeBot.Bot;

/// <summary>The question behind each answer the channel gave an id, so that feedback on that answer can name it.</summary>
internal sealed class SentAnswers(IOptions<TradeNewsBotOptions> options, TimeProvider timeProvider)
{
    private readonly ExpiringCache<string> _questions = new(options.Value.MaxConversations, TimeSpan.FromDays(7), timeProvider);

    public void Record(string? activityId, string question)
    {
        if (!string.IsNullOrEmpty(activityId))
        {
            _questions.Set(activityId, question);
        }
    }

    public string? QuestionFor(string? activityId) => string.IsNullOrEmpty(activityId) ? null : _questions.Get(activityId);
}
