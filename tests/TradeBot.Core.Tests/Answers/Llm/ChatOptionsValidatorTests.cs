using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeBot.Core.Answers;
using TradeBot.Core.Answers.Llm;

namespace TradeBot.Core.Tests.Answers.Llm;

public sealed class ChatOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new ChatOptionsValidator().Validate(null, new ChatOptions()).Succeeded);

    [Fact]
    public void Validate_OpenAIWithoutEndpointAndModel_NamesBothSettings()
    {
        var result = new ChatOptionsValidator().Validate(null, new ChatOptions { Provider = "openai", TimeoutSeconds = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Chat:Endpoint", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Chat:Model", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Chat:TimeoutSeconds", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownProvider_NamesTheSetting()
    {
        var result = new ChatOptionsValidator().Validate(null, new ChatOptions { Provider = "gpt" });

        Assert.Contains("Chat:Provider", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTradeNewsModels_OpenAIWithoutEndpoint_FailsOnFirstUseWithTheSettingNamed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Chat:Provider"] = "openai", ["Chat:Model"] = "m" }).Build();
        using var services = new ServiceCollection().AddLogging().AddTradeNewsCorpus(configuration, Path.GetTempPath()).AddTradeNewsModels(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IQuestionAnswerer>());

        Assert.Contains("Chat:Endpoint", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryDelay_RetryAfterSecondsOrDateOrMilliseconds_IsRead()
    {
        var now = new DateTimeOffset(2025, 4, 10, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "3");
        using var date = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(5).ToString("R"));
        using var milliseconds = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        milliseconds.Headers.TryAddWithoutValidation("retry-after-ms", "250");
        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterHandler.RetryDelay(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryAfterHandler.RetryDelay(date, now));
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfterHandler.RetryDelay(milliseconds, now));
        Assert.Null(RetryAfterHandler.RetryDelay(none, now));
    }
}
