using Microsoft.Extensions.DependencyInjection;
using TradeBot.Core.Answers;
using TradeBot.Core.Ingestion;
using TradeBot.Suggestions;
using TradeBot.Tests.TestSupport;

namespace TradeBot.Tests.Bot;

/// <summary>Questions suggested from the seed articles by the real pipeline: every one is answered, none is a seed's.</summary>
public sealed class CorpusQuestionsTests : IAsyncLifetime, IDisposable
{
    private readonly SeedPipeline _pipeline = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddLogging();
        _pipeline.Register(services);
        services.AddSingleton<IQuestionSuggester, CorpusQuestions>();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<CorpusIngestion>().SyncCorpusAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
    }

    public void Dispose() => _pipeline.Dispose();

    [Fact]
    public async Task Examples_AreQuestionsTheCorpusAnswers()
    {
        var examples = await _services.GetRequiredService<IQuestionSuggester>().ExamplesAsync();

        Console.WriteLine("Examples: " + string.Join(" | ", examples));
        Assert.InRange(examples.Count, 3, 6);
        // They come from the articles, not only from the configured examples.
        var configured = _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnswerOptions>>().Value.ExampleQuestions;
        Assert.Contains(examples, e => !configured.Contains(e));
        var answerer = _services.GetRequiredService<IQuestionAnswerer>();
        foreach (var example in examples)
        {
            Assert.True((await answerer.AnswerAsync(example, [])).Answered, example);
        }
    }

    [Fact]
    public async Task CloseTo_DeclinedQuestion_OffersAnsweredQuestionsOnItsSubject()
    {
        const string declined = "What duties did the EU put on Chinese electric vehicles?";
        var answerer = _services.GetRequiredService<IQuestionAnswerer>();
        Assert.False((await answerer.AnswerAsync(declined, [])).Answered);

        var close = await _services.GetRequiredService<IQuestionSuggester>().CloseToAsync(declined);

        Console.WriteLine("Close: " + string.Join(" | ", close));
        Assert.InRange(close.Count, 2, 3);
        foreach (var question in close)
        {
            Assert.True((await answerer.AnswerAsync(question, [])).Answered, question);
        }
        Assert.Contains(close, q => q.Contains("tariff", StringComparison.OrdinalIgnoreCase) || q.Contains("dut", StringComparison.OrdinalIgnoreCase));
    }
}
