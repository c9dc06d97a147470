namespace TradeBot.Core.Answers.Llm;

/// <summary>Why a language-model answer was replaced by the extractive one.</summary>
public enum ModelFailure
{
    /// <summary>The call took longer than <c>Chat:TimeoutSeconds</c>.</summary>
    Timeout,

    /// <summary>429 Too Many Requests, after the bounded retries.</summary>
    RateLimited,

    /// <summary>A 5xx response, or another unexpected status.</summary>
    ServerError,

    /// <summary>A response that could not be read as a chat completion, or one without text.</summary>
    Malformed,

    /// <summary>The endpoint could not be reached.</summary>
    Unreachable,

    /// <summary>The model answered, but no <c>[n]</c> marker pointed at a source it was given.</summary>
    Uncited,
}
