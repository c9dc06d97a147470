using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using TradeBot.BotFramework.Tests.Infrastructure;
using TradeBot.Core.Answers;

namespace TradeBot.Tests.Bot;

/// <summary>
/// Streams the fake answer in chunks, moving the injected clock by <see cref="Step"/> before each chunk listed in
/// <see cref="AdvanceBefore"/>, so the bot's throttling decides deterministically which chunks are sent; then yields
/// the final answer of <see cref="FakeQuestionAnswerer"/>.
/// </summary>
internal sealed class FakeStreamingQuestionAnswerer(ManualTimeProvider clock) : IStreamingQuestionAnswerer
{
    public static readonly IReadOnlyList<string> Chunks = ["The EU imposed ", "provisional duties ", "of up to 37.6% ", "on Chinese EVs."];

    private readonly FakeQuestionAnswerer _answers = new();

    public TimeSpan Step { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Indexes of the chunks before which the clock moves; by default the first two.</summary>
    public IReadOnlySet<int> AdvanceBefore { get; set; } = new HashSet<int> { 0, 1 };

    public int Calls { get; private set; }

    /// <summary>When set, the search fails (as when Qdrant is down) after the first chunk was streamed.</summary>
    public bool SearchFails { get; set; }

    public async IAsyncEnumerable<AnswerUpdate> StreamAnswerAsync(string question, IReadOnlyList<ConversationTurn> history, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        for (var i = 0; i < Chunks.Count; i++)
        {
            if (AdvanceBefore.Contains(i))
            {
                clock.Advance(Step);
            }

            yield return AnswerUpdate.Chunk(Chunks[i]);
            if (SearchFails)
            {
                throw new VectorStoreException("The vector store did not answer.");
            }
        }

        yield return AnswerUpdate.Completed(await _answers.AnswerAsync(question, history, cancellationToken));
    }
}
