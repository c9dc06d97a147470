using System.Reflection;
using Microsoft.Extensions.Logging;
using TradeBot.BotFramework.Hosting;
using TradeBot.Core;
using TradeBot.Hosting;

namespace TradeBot.Tests;

/// <summary>An event id names one log message: operators filter and alert on them, so no two messages may share one.</summary>
public sealed class LoggerMessageEventIdTests
{
    [Fact]
    public void LoggerMessages_AcrossTheSourceAssemblies_HaveUniqueEventIds()
    {
        Assembly[] assemblies = [typeof(BotServer).Assembly, typeof(CorpusOptions).Assembly, typeof(IBotHttpAdapter).Assembly];
        var messages = assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(message => message.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(message => message.Attribute!.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(message => message.Method))}")
            .ToList();

        Assert.True(messages.Count > 30, $"only {messages.Count} [LoggerMessage] methods found");
        Assert.DoesNotContain(messages, message => message.Attribute!.EventId <= 0);
        Assert.True(shared.Count == 0, "event ids used more than once: " + string.Join("; ", shared));
    }
}
