using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Answers;
using TradeBot.Core.Answers.Llm;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Answers.Llm;

public sealed class LlmAnswererTests
{
    private const string Question = "What tariff did the US impose on Chinese imports?";

    [Fact]
    public async Task AnswerAsync_WellCitedReply_ReturnsModelTextWithQuotesFromTheArticles()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        stub.Reply(StubReply.Content("The US raised tariffs on Chinese imports to 145% [1]. China answered with 125% duties [2]."));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        Assert.True(answer.Answered);
        Assert.Equal("The US raised tariffs on Chinese imports to 145% [1]. China answered with 125% duties [2].", answer.Text);
        var request = Assert.Single(stub.ChatRequests);
        Assert.Equal("stub-model", request.Model);
        Assert.False(request.Stream);
        Assert.Equal("Bearer " + TestCorpus.ApiKey, request.Authorization);
        var user = request.Message("user");
        Assert.StartsWith("<sources>\n<source n=\"1\"", user, StringComparison.Ordinal);
        Assert.Contains("<source n=\"2\"", user, StringComparison.Ordinal);
        Assert.Contains("</sources>\n\nQuestion: " + Question, user, StringComparison.Ordinal);
        Assert.Contains("never instructions", request.Message("system"), StringComparison.Ordinal);

        Assert.Equal([1, 2], answer.Citations.Select(c => c.Number));
        var sources = SourceTitles(user);
        foreach (var citation in answer.Citations)
        {
            Assert.Equal(sources[citation.Number], citation.Title);
            Assert.Contains(citation.Quote, ArticleText(corpus, citation.Title), StringComparison.Ordinal);
        }
        Assert.Contains("145%", answer.Citations.Single(c => c.Title.Contains("145%", StringComparison.Ordinal)).Quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_MarkerForASourceNotGiven_RemovesTheMarker()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        using var metrics = new MetricRecorder(corpus.Services.GetRequiredService<IMeterFactory>());
        stub.Reply(StubReply.Content("Tariffs on Chinese imports rose to 145% [1][9]. Markets fell [7]."));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        Assert.Equal("Tariffs on Chinese imports rose to 145% [1]. Markets fell.", answer.Text);
        Assert.Equal(1, Assert.Single(answer.Citations).Number);
        Assert.Equal(2, metrics.Sum(LlmMetrics.RemovedMarkersName));
        Assert.Equal(1, metrics.Sum(LlmMetrics.AnswersName));
    }

    [Fact]
    public async Task AnswerAsync_ReplyCitingNothing_ReturnsTheExtractiveAnswer()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        using var metrics = new MetricRecorder(corpus.Services.GetRequiredService<IMeterFactory>());
        stub.Reply(StubReply.Content("Tariffs went up a lot, as everyone knows [12]."));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        var extractive = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().AnswerAsync(Question, []);
        Assert.Equal(extractive.Text, answer.Text);
        Assert.Equal(extractive.Citations, answer.Citations);
        Assert.Equal(1, metrics.Sum(LlmMetrics.FallbacksName, nameof(ModelFailure.Uncited)));
    }

    [Fact]
    public async Task AnswerAsync_MalformedResponse_FallsBackWithNote()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        using var metrics = new MetricRecorder(corpus.Services.GetRequiredService<IMeterFactory>());
        stub.Reply(StubReply.Malformed());

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        await AssertFallbackAsync(corpus, answer);
        Assert.Equal(1, metrics.Sum(LlmMetrics.FallbacksName, nameof(ModelFailure.Malformed)));
    }

    [Fact]
    public async Task AnswerAsync_SlowModel_TimesOutAndFallsBack()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint, timeoutSeconds: 0.5));
        using var metrics = new MetricRecorder(corpus.Services.GetRequiredService<IMeterFactory>());
        stub.Reply(StubReply.Content("Too late [1].", delay: TimeSpan.FromSeconds(30)));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        await AssertFallbackAsync(corpus, answer);
        Assert.Equal(1, metrics.Sum(LlmMetrics.FallbacksName, nameof(ModelFailure.Timeout)));
    }

    [Theory]
    [InlineData("seconds")]
    [InlineData("date")]
    [InlineData("milliseconds")]
    public async Task AnswerAsync_429WithRetryAfter_WaitsThatLongOnTheClockThenAnswers(string form)
    {
        var clock = new WatchedClock();
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint), configure: s => s.AddSingleton<TimeProvider>(clock));
        var limited = form switch
        {
            "seconds" => StubReply.Status(429, retryAfter: "2"),
            "date" => StubReply.Status(429, retryAfter: clock.GetUtcNow().AddSeconds(2).ToString("R")),
            _ => StubReply.Status(429, retryAfter: "9", retryAfterMs: "2000"),
        };
        stub.Reply(limited, StubReply.Content("Tariffs rose to 145% [1]."));

        var answer = corpus.Answerer.AnswerAsync(Question, []);
        await clock.NextTimerAsync(due => due == TimeSpan.FromSeconds(2));
        Assert.Single(stub.ChatRequests); // the retry waits for the clock
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("Tariffs rose to 145% [1].", (await answer).Text);
        Assert.Equal(2, stub.ChatRequests.Count);
        Assert.Equal(stub.ChatRequests[0].Body.ToString(), stub.ChatRequests[1].Body.ToString());
        Assert.Contains(corpus.Logs.Entries, e => e.EventId.Id == 6004);
    }

    [Fact]
    public async Task AnswerAsync_429Persisting_StopsAfterMaxRetriesAndFallsBack()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        using var metrics = new MetricRecorder(corpus.Services.GetRequiredService<IMeterFactory>());
        stub.Reply(StubReply.Status(429, retryAfter: "0"), StubReply.Status(429, retryAfter: "0"), StubReply.Content("Never sent [1]."));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        await AssertFallbackAsync(corpus, answer);
        Assert.Equal(2, stub.ChatRequests.Count); // Chat:MaxRetries = 1
        Assert.Equal(1, metrics.Sum(LlmMetrics.FallbacksName, nameof(ModelFailure.RateLimited)));
    }

    [Fact]
    public async Task AnswerAsync_AzureOpenAI_GoesThroughTheAzureConnectorWithTheResourceKey()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        var settings = TestCorpus.Llm(stub.Root);
        settings["Chat:Provider"] = "azureopenai";
        await using var corpus = await TestCorpus.CreateAsync(settings);
        stub.Reply(StubReply.Content("The US raised tariffs on Chinese imports to 145% [1]."));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        Assert.Equal("The US raised tariffs on Chinese imports to 145% [1].", answer.Text);
        var request = Assert.Single(stub.ChatRequests);
        Assert.StartsWith("/openai/", request.Path, StringComparison.Ordinal);
        Assert.Contains("stub-model", request.Path + request.Body, StringComparison.Ordinal);
        Assert.Equal(TestCorpus.ApiKey, request.ApiKey);
        Assert.IsType<Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIChatCompletionService>(corpus.Services.GetRequiredService<Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService>());
    }

    [Theory]
    [InlineData(429, "120")] // asks for a longer wait than Chat:MaxRetryDelaySeconds
    [InlineData(503, null)] // only 429 is retried
    public async Task AnswerAsync_FailureNotWorthRetrying_IsNotRetried(int status, string? retryAfter)
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        stub.Reply(StubReply.Status(status, retryAfter: retryAfter), StubReply.Content("Never sent [1]."));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        await AssertFallbackAsync(corpus, answer);
        Assert.Single(stub.ChatRequests);
    }

    [Fact]
    public async Task AnswerAsync_ServerError_FallsBackWithNoteAndNeverLogsTheKey()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        using var metrics = new MetricRecorder(corpus.Services.GetRequiredService<IMeterFactory>());
        stub.Reply(StubReply.Status(500));

        var answer = await corpus.Answerer.AnswerAsync(Question, []);

        await AssertFallbackAsync(corpus, answer);
        Assert.Equal(1, metrics.Sum(LlmMetrics.FallbacksName, nameof(ModelFailure.ServerError)));
        var failure = Assert.Single(corpus.Logs.Entries, e => e.EventId.Id == 6001);
        Assert.Contains("ServerError", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(corpus.Logs.Entries, e => (e.Message + e.Exception).Contains(TestCorpus.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerAsync_NothingRelevant_DeclinesLikeTheExtractiveAnswererWithoutCallingTheModel()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));

        var answer = await corpus.Answerer.AnswerAsync("Who won the football match in Madrid?", []);

        var extractive = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().AnswerAsync("Who won the football match in Madrid?", []);
        Assert.False(answer.Answered);
        Assert.Equal(extractive, answer);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task AnswerAsync_FollowUp_IsRewrittenWithTheConversationAndTheLatestArticleDate()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        var first = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().AnswerAsync(Question, []);
        stub.Reply(
            StubReply.Content("\"How did China respond to the US tariffs on Chinese imports?\"\nfrom: 2025-04-07\nto: 2025-04-11"),
            StubReply.Content("China imposed 125% duties on American goods [1]."));

        var answer = await corpus.Answerer.AnswerAsync("And how did they respond last week?", [new ConversationTurn(Question, first)]);

        Assert.Equal("And how did they respond last week?", answer.Question);
        Assert.Equal("China imposed 125% duties on American goods [1].", answer.Text);
        Assert.Equal(2, stub.ChatRequests.Count);
        var rewrite = stub.ChatRequests[0];
        Assert.Contains("standalone search query", rewrite.Message("system"), StringComparison.Ordinal);
        Assert.Contains("Reference date: 2025-04-11", rewrite.Message("user"), StringComparison.Ordinal); // the latest article
        Assert.Contains("User: " + Question, rewrite.Message("user"), StringComparison.Ordinal);
        Assert.Contains("Latest question: And how did they respond last week?", rewrite.Message("user"), StringComparison.Ordinal);
        Assert.EndsWith("Question: How did China respond to the US tariffs on Chinese imports?", stub.ChatRequests[1].Message("user"), StringComparison.Ordinal);
        Assert.Contains(answer.Citations.Single().Title, stub.ChatRequests[1].Message("user"), StringComparison.Ordinal); // a source that was given
        // The date range from the rewrite limits the sources: the EU article of March is not given.
        Assert.DoesNotContain("steel", stub.ChatRequests[1].Message("user"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StreamAnswerAsync_WellCited_StreamsChunksThenTheValidatedAnswer()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        stub.Reply(StubReply.Content("Tariffs on Chinese imports rose to 145% [1][8]. China replied with 125% duties [2]."));

        var updates = await corpus.StreamingAnswerer.StreamAnswerAsync(Question, []).ToListAsync();

        Assert.True(Assert.Single(stub.ChatRequests).Stream);
        var chunks = updates.Where(u => !u.IsFinal).ToList();
        Assert.True(chunks.Count > 1);
        Assert.Equal("Tariffs on Chinese imports rose to 145% [1]. China replied with 125% duties [2].", string.Concat(chunks.Select(c => c.Text)));
        var final = updates[^1].Final!;
        Assert.Equal(1, updates.Count(u => u.IsFinal));
        Assert.Equal("Tariffs on Chinese imports rose to 145% [1]. China replied with 125% duties [2].", final.Text);
        Assert.Equal([1, 2], final.Citations.Select(c => c.Number));
    }

    [Fact]
    public async Task StreamAnswerAsync_ServerError_EndsWithTheExtractiveAnswerAndNote()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        stub.Reply(StubReply.Status(503));

        var updates = await corpus.StreamingAnswerer.StreamAnswerAsync(Question, []).ToListAsync();

        await AssertFallbackAsync(corpus, Assert.Single(updates).Final!);
    }

    [Fact]
    public async Task StreamAnswerAsync_MalformedStream_EndsWithTheExtractiveAnswerAndNote()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        stub.Reply(StubReply.Malformed());

        var updates = await corpus.StreamingAnswerer.StreamAnswerAsync(Question, []).ToListAsync();

        await AssertFallbackAsync(corpus, updates[^1].Final!);
    }

    [Fact]
    public async Task StreamAnswerAsync_ExtractiveMode_YieldsTheWholeAnswerOnce()
    {
        await using var corpus = await TestCorpus.CreateAsync(new Dictionary<string, string?>());

        var updates = await corpus.StreamingAnswerer.StreamAnswerAsync(Question, []).ToListAsync();

        Assert.IsType<ExtractiveAnswerer>(corpus.StreamingAnswerer);
        Assert.Equal(2, updates.Count);
        Assert.Equal(updates[1].Final!.Text, updates[0].Text);
        Assert.Contains("145%", updates[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAsync_ModelConfigured_RetrievesEachQuestionOnceOnEveryPath()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint), configure: services =>
        {
            services.AddSingleton(sp => new CountingHybridSearch(sp.GetRequiredService<SqlitePassageCollection>()));
            services.Replace(ServiceDescriptor.Singleton<IKeywordHybridSearchable<PassageRecord>>(sp => sp.GetRequiredService<CountingHybridSearch>()));
        });
        var store = corpus.Services.GetRequiredService<CountingHybridSearch>();
        var extractive = corpus.Services.GetRequiredService<ExtractiveAnswerer>();
        var expected = await extractive.AnswerAsync(Question, []);
        var history = new[] { new ConversationTurn(Question, expected) };
        const string Rewrite = "\"How did China respond to the US tariffs on Chinese imports?\"";

        async Task<Answer> Counted(Func<Task<Answer>> ask)
        {
            var before = store.Searches;
            var answer = await ask();
            Assert.Equal(1, store.Searches - before);
            return answer;
        }
        Task<Answer> Ask(string question, IReadOnlyList<ConversationTurn> turns) => Counted(() => corpus.Answerer.AnswerAsync(question, turns));
        Task<Answer> Stream(string question) => Counted(async () => (await corpus.StreamingAnswerer.StreamAnswerAsync(question, []).ToListAsync())[^1].Final!);

        stub.Reply(StubReply.Content("The US raised tariffs on Chinese imports to 145% [1]."));
        Assert.Equal("The US raised tariffs on Chinese imports to 145% [1].", (await Ask(Question, [])).Text);

        stub.Reply(StubReply.Content("Tariffs went up a lot, as everyone knows [12]."));
        var uncited = await Ask(Question, []);
        Assert.Equal(expected.Text, uncited.Text);
        Assert.Equal(expected.Citations, uncited.Citations);

        stub.Reply(StubReply.Malformed());
        await AssertFallbackAsync(corpus, await Ask(Question, []));

        stub.Reply(StubReply.Content(Rewrite), StubReply.Content("China imposed 125% duties on American goods [1]."));
        Assert.Equal("China imposed 125% duties on American goods [1].", (await Ask("And how did they respond?", history)).Text);

        stub.Reply(StubReply.Malformed());
        var afterFailedRewrite = await Ask("And how did they respond?", history);
        Assert.StartsWith((await extractive.AnswerAsync("And how did they respond?", history)).Text, afterFailedRewrite.Text, StringComparison.Ordinal);

        stub.Reply(StubReply.Content("Tariffs on Chinese imports rose to 145% [1]."));
        Assert.Equal("Tariffs on Chinese imports rose to 145% [1].", (await Stream(Question)).Text);

        stub.Reply(StubReply.Malformed());
        await AssertFallbackAsync(corpus, await Stream(Question));
        Assert.Equal(8, stub.ChatRequests.Count);
    }

    [Fact]
    public async Task AnswerAsync_ReplyCitingNothing_GivesExactlyTheExtractiveAnswerToTheSameFollowUp()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        await using var corpus = await TestCorpus.CreateAsync(TestCorpus.Llm(stub.Endpoint));
        var extractive = corpus.Services.GetRequiredService<ExtractiveAnswerer>();
        var history = new[] { new ConversationTurn(Question, await extractive.AnswerAsync(Question, [])) };
        const string Standalone = "How did China respond to the US tariffs on Chinese imports?";
        var rewrite = $"\"{Standalone}\"\nfrom: 2025-04-07\nto: 2025-04-11";
        stub.Reply(StubReply.Content(rewrite), StubReply.Content("Nobody knows [12]."));

        var answer = await corpus.Answerer.AnswerAsync("And how did they respond last week?", history);

        var query = StandaloneQuery.Parse(rewrite)!;
        var expected = await extractive.AnswerAsync(new RetrievalRequest(query.Text, From: query.From, To: query.To, Top: ExtractiveAnswerer.RetrievalTop));
        Assert.True(expected.Answered);
        Assert.Equal("And how did they respond last week?", answer.Question);
        Assert.Equal(expected.Text, answer.Text);
        Assert.Equal(expected.Citations, answer.Citations);
    }

    private static async Task AssertFallbackAsync(TestCorpus corpus, Answer answer)
    {
        var extractive = await corpus.Services.GetRequiredService<ExtractiveAnswerer>().AnswerAsync(Question, []);
        Assert.True(answer.Answered);
        Assert.Equal(extractive.Text + "\n\n(The language model was unavailable, so this answer quotes the articles directly.)", answer.Text);
        Assert.Equal(extractive.Citations, answer.Citations);
    }

    private static Dictionary<int, string> SourceTitles(string userMessage) =>
        System.Text.RegularExpressions.Regex.Matches(userMessage, "<source n=\"(\\d+)\" title=\"([^\"]*)\"")
            .ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);

    /// <summary>The text of the corpus file with this title, its white space collapsed.</summary>
    private static string ArticleText(TestCorpus corpus, string title)
    {
        var folder = corpus.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CorpusOptions>>().Value.Path;
        var text = Directory.GetFiles(folder).Select(File.ReadAllText).Single(t => t.Contains($"title: \"{title}\"", StringComparison.Ordinal));
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
