using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeBot.Core.Answers;
using TradeBot.Core.Answers.Llm;
using TradeBot.Core.Stores;

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
        using var services = new ServiceCollection().AddLogging().AddTradeNewsCorpus(configuration, Path.GetTempPath()).AddPassageStore(configuration).AddTradeNewsModels(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IQuestionAnswerer>());

        Assert.Contains("Chat:Endpoint", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AzureOpenAIWithoutKey_NamesTheKeyAndTheResourceEndpoint()
    {
        var result = new ChatOptionsValidator().Validate(null, new ChatOptions { Provider = "azureopenai", Model = "gpt-4o-mini" });

        Assert.True(result.Failed);
        Assert.Contains("Chat:ApiKey is required when Chat:Provider is 'azureopenai'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("openai.azure.com", result.FailureMessage, StringComparison.Ordinal);
    }
}
