using Microsoft.Extensions.Logging;

namespace TradeBot.Core.Answers.Llm;

/// <summary>The log messages of the language-model answerer. Article and user text only at Debug; the API key never.</summary>
internal static partial class LlmLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "The language model at {Endpoint} ({Model}) failed ({Reason}) during {Operation}; answering extractively")]
    public static partial void ModelFailed(ILogger logger, string endpoint, string model, ModelFailure reason, string operation, Exception? exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "The model's answer cited no source it was given ({Removed} markers removed); answering extractively")]
    public static partial void AnswerUncited(ILogger logger, int removed);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Removed {Removed} citation markers that pointed at no source given to the model")]
    public static partial void MarkersRemoved(ILogger logger, int removed);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Rate limited by the language model; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void RetryingAfter(ILogger logger, TimeSpan delay, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Follow-up {Question} rewritten as {Query}")]
    public static partial void QueryRewritten(ILogger logger, string question, string query);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Debug, Message = "Asking the model with {SourceCount} sources")]
    public static partial void Asking(ILogger logger, int sourceCount);
}
