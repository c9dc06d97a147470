using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Retrieval;

/// <summary>"Today", "this week" and "the latest" against the newest article date the corpus holds, and answers that say how recent their sources are.</summary>
public sealed class RecencyTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private async Task<CorpusHost> HostWithAsync()
    {
        Write("old.txt", 2026, 10, 2, "Ruritania raised its tariff on steel imports to 10% in October, the ministry said.");
        Write("week.txt", 2026, 11, 27, "Ruritania raised its tariff on steel imports to 20% on Friday, the ministry said.");
        Write("today.txt", 2026, 12, 1, "Ruritania raised its tariff on steel imports to 30% on Tuesday, the ministry said.");
        var host = new CorpusHost(_temp.Path);
        await host.Synchronizer.SyncAsync([_temp.Combine("corpus")]);
        return host;
    }

    private void Write(string file, int year, int month, int day, string text) =>
        _temp.WriteText("corpus/" + file, ArticleFileBuilder.Article().WithTitle("Ruritania steel tariff").PublishedOn(year, month, day).WithParagraph(text).Build());

    [Theory]
    [InlineData("What tariff did Ruritania put on steel today?", "30%", "\"today\" read as 1 Dec 2026")]
    [InlineData("What tariffs did Ruritania put on steel this week?", "20%", "\"this week\" read as the 7 days to 1 Dec 2026")]
    public async Task Answer_RelativeDay_UsesOnlyThoseDaysAndSaysSo(string question, string expected, string note)
    {
        using var host = await HostWithAsync();

        var answer = await host.AskAsync(question);

        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("10%", answer.Text, StringComparison.Ordinal);
        Assert.All(answer.Citations, c => Assert.True(c.Published >= new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(note, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_Latest_LeadsWithTheNewestSource()
    {
        using var host = await HostWithAsync();

        var answer = await host.AskAsync("What is the latest tariff Ruritania put on steel?");

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), answer.Citations[0].Published);
        // The figure asked for leads, then the claim that gives it: both the newest.
        Assert.StartsWith("**30%** [1]\n\nRuritania raised its tariff on steel imports to 30%", answer.Text, StringComparison.Ordinal);
        Assert.Contains("newest first, as of 1 Dec 2026", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_NoRecencyWords_HasNoNote()
    {
        using var host = await HostWithAsync();

        var answer = await host.AskAsync("What tariff did Ruritania put on steel imports in October 2026?");

        Assert.DoesNotContain(" read as ", answer.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
