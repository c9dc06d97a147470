using System.Text.Json;
using TradeBot.BotFramework.Builder;
using TradeBot.BotFramework.Schema;

namespace TradeBot.BotFramework.Tests.Infrastructure;

/// <summary>A bot that shows what the protocol delivered: echoes messages (after a typing activity), greets added members, answers one invoke.</summary>
internal sealed class TestBot : ActivityHandler
{
    public const string OkInvokeName = "test/ok";

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Text == "throw")
        {
            throw new InvalidOperationException("The test bot was asked to fail.");
        }

        if (turnContext.Activity.Text?.StartsWith("sleep:", StringComparison.Ordinal) == true)
        {
            await Task.Delay(int.Parse(turnContext.Activity.Text[6..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        await turnContext.SendActivityAsync(turnContext.Activity.CreateTypingReply(), cancellationToken);
        await turnContext.SendActivityAsync($"echo: {turnContext.Activity.Text}", cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        foreach (var member in membersAdded.Where(m => m.Id != turnContext.Activity.Recipient?.Id))
        {
            await turnContext.SendActivityAsync($"welcome {member.Id}", cancellationToken);
        }
    }

    protected override Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Name == OkInvokeName
            ? Task.FromResult(new InvokeResponse(200, JsonSerializer.SerializeToElement(new { ok = true })))
            : base.OnInvokeActivityAsync(turnContext, cancellationToken);
}
