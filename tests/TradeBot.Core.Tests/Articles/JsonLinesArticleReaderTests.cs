using System.Text;
using TradeBot.Core.Articles;
using TradeBot.Core.Tests.TestSupport;

namespace TradeBot.Core.Tests.Articles;

public sealed class JsonLinesArticleReaderTests
{
    [Fact]
    public void Read_WellFormedLines_GivesOneArticleEach()
    {
        var published = new DateTimeOffset(1987, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var file = new JsonLinesBuilder()
            .WithArticle("r1", "Cocoa talks", "Cocoa talks resumed.", source: "Reuters", url: "https://example.com/r1", published: published)
            .WithArticle("r2", "Sugar quota", "The sugar quota was cut.")
            .Build();

        var results = Read(file);

        Assert.Equal(2, results.Count);
        var first = results[0].Article!;
        Assert.Equal(("r1", "Cocoa talks", "Reuters", "https://example.com/r1", published, "Cocoa talks resumed."),
            (first.Id, first.Title, first.Source, first.Url, first.Published!.Value, first.Body));
        var second = results[1].Article!;
        Assert.Equal("r2", second.Id);
        Assert.Null(second.Source);
        Assert.Null(second.Url);
        Assert.Null(second.Published);
        Assert.Equal("/c/news.jsonl", second.Origin);
    }

    [Fact]
    public void Read_DateFieldInsteadOfPublished_IsTheDate()
    {
        var results = Read("""{"id":"d1","title":"T","date":"2020-01-31","body":"Text."}""" + "\n");

        Assert.Equal(new DateTimeOffset(2020, 1, 31, 0, 0, 0, TimeSpan.Zero), Assert.Single(results).Article!.Published);
    }

    [Fact]
    public void Read_MalformedLine_IsReportedWithItsLineNumberAndTheOthersAreRead()
    {
        var file = new JsonLinesBuilder()
            .WithArticle("ok1", "One", "First body.")
            .WithRawLine("""{"id":"broken","body": "no closing brace" """)
            .WithArticle("ok2", "Two", "Second body.")
            .Build();

        var results = Read(file);

        Assert.Equal(["ok1", "ok2"], results.Where(r => r.Article is not null).Select(r => r.Article!.Id));
        var failure = Assert.Single(results, r => r.Error is not null);
        Assert.Equal("news.jsonl:2", failure.Item);
        Assert.Contains("malformed JSON", failure.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("""{"id":"x","title":"no body"}""", "no 'body' field")]
    public void Read_LineThatIsNoArticle_IsReportedWithReason(string line, string reason)
    {
        var results = Read(new JsonLinesBuilder().WithArticle("ok", "T", "Body.").WithRawLine(line).Build());

        var failure = Assert.Single(results, r => r.Error is not null);
        Assert.Equal("news.jsonl:2", failure.Item);
        Assert.Contains(reason, failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedButCounted()
    {
        var results = Read("\n\n{\"id\":\"x\",\"body\":\"B.\"}\n\n{oops\n");

        Assert.Equal("x", results[0].Article!.Id);
        Assert.Equal("news.jsonl:5", results[1].Item);
    }

    [Fact]
    public void Read_LineWithInvalidUtf8_IsReportedAndTheOthersAreRead()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("{\"id\":\"a\",\"body\":\"Good.\"}\n{\"id\":\"b\",\"body\":\"Bad "));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n{\"id\":\"c\",\"body\":\"Good too.\"}\n"));

        var results = Read(bytes.ToArray(), maxLineBytes: 1024);

        Assert.Equal(["a", "c"], results.Where(r => r.Article is not null).Select(r => r.Article!.Id));
        Assert.Equal("news.jsonl:2", Assert.Single(results, r => r.Error is not null).Item);
    }

    [Fact]
    public void Read_LineLongerThanLimit_IsReportedAndTheNextLineIsRead()
    {
        var file = new JsonLinesBuilder()
            .WithArticle("long", "Long", new string('x', 5000))
            .WithArticle("short", "Short", "Short body.")
            .Build();

        var results = Read(Encoding.UTF8.GetBytes(file), maxLineBytes: 1000);

        Assert.Equal("news.jsonl:1", results[0].Item);
        Assert.Contains("longer than 1000 bytes", results[0].Error, StringComparison.Ordinal);
        Assert.Equal("short", results[1].Article!.Id);
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        var results = Read("{\"id\":\"a\",\"body\":\"A.\"}\n{\"id\":\"b\",\"body\":\"B.\"}");

        Assert.Equal(["a", "b"], results.Select(r => r.Article!.Id));
    }

    private static List<ReadResult> Read(string file) => Read(Encoding.UTF8.GetBytes(file), 1024 * 1024);

    private static List<ReadResult> Read(byte[] file, int maxLineBytes)
    {
        using var stream = new MemoryStream(file);
        return [.. JsonLinesArticleReader.Read(stream, "news.jsonl", "/c/news.jsonl", maxLineBytes)];
    }
}
