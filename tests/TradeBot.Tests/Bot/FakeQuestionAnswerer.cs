using System.Collections.Concurrent;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

/// <summary>
/// Answers like the real pipeline would, from two real-looking articles, and records each question with the history it
/// was given. A question containing "unicorn" is not covered by the articles.
/// </summary>
internal sealed class FakeQuestionAnswerer : IQuestionAnswerer
{
    public static readonly Citation EvDuties = new(
        1,
        "reuters-2024-07-04-ev",
        "EU imposes provisional duties of up to 37.6% on Chinese electric vehicles",
        "Reuters",
        new DateTimeOffset(2024, 7, 4, 9, 30, 0, TimeSpan.Zero),
        "https://www.reuters.com/business/autos-transportation/eu-duties-chinese-evs-2024-07-04/",
        "The European Commission said on Thursday it would impose provisional duties of up to 37.6% on imports of electric vehicles made in China.");

    public static readonly Citation ChinaResponse = new(
        2,
        "ap-2024-07-05-china",
        "China vows to defend its interests after EU tariff move",
        "Associated Press",
        new DateTimeOffset(2024, 7, 5, 6, 0, 0, TimeSpan.Zero),
        "https://apnews.com/article/china-eu-electric-vehicles-tariffs-2024",
        "China's commerce ministry said it would take all necessary measures to firmly defend the legitimate rights of Chinese companies.");

    private readonly ConcurrentQueue<(string Question, IReadOnlyList<ConversationTurn> History)> _calls = new();

    public IReadOnlyList<(string Question, IReadOnlyList<ConversationTurn> History)> Calls => [.. _calls];

    /// <summary>When set, each answer waits until this completes: the test decides when the answer is ready.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task<Answer> AnswerAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((question, history));
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (question.Contains("unicorn", StringComparison.OrdinalIgnoreCase))
        {
            return Answer.NotCovered(question, "The articles I have do not cover that question.");
        }

        return new Answer(
            question,
            true,
            "The EU imposed provisional duties of up to 37.6% on electric vehicles imported from China [1]. Beijing said it would defend its companies' rights [2].",
            [EvDuties, ChinaResponse],
            ["What did China do in response?", "When do the definitive duties start?", "Which carmakers are affected?"]);
    }
}
