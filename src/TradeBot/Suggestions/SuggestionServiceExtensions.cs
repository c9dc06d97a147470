namespace TradeBot.Suggestions;

internal static class SuggestionServiceExtensions
{
    /// <summary>Suggests questions from the corpus (<see cref="CorpusQuestions"/>); needs the corpus pipeline registered.</summary>
    public static IServiceCollection AddCorpusQuestions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<IQuestionSuggester, CorpusQuestions>();
    }
}
