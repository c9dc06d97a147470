using System.Globalization;
using System.Text;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>Builds the text of a plain-text article file, with YAML front matter when any metadata is set.</summary>
internal sealed class ArticleFileBuilder
{
    private string? _title;
    private string? _source;
    private string? _url;
    private DateTimeOffset? _published;
    private readonly List<string> _paragraphs = [];

    public static ArticleFileBuilder Article() => new();

    public ArticleFileBuilder WithTitle(string title)
    {
        _title = title;
        return this;
    }

    public ArticleFileBuilder WithSource(string source)
    {
        _source = source;
        return this;
    }

    public ArticleFileBuilder WithUrl(string url)
    {
        _url = url;
        return this;
    }

    public ArticleFileBuilder PublishedOn(int year, int month, int day)
    {
        _published = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        return this;
    }

    public ArticleFileBuilder WithParagraph(string paragraph)
    {
        _paragraphs.Add(paragraph);
        return this;
    }

    /// <summary>A few distinct sentences about one made-up subject, so that articles built from different subjects differ.</summary>
    public ArticleFileBuilder AboutSubject(string subject) =>
        WithParagraph($"Officials discussed {subject} at length on Monday. The talks about {subject} lasted several hours.")
            .WithParagraph($"Analysts expect further news on {subject} next week.");

    public string Build()
    {
        var text = new StringBuilder();
        if (_title is not null || _source is not null || _url is not null || _published is not null)
        {
            text.Append("---\n");
            text.Append("title: ").Append(Quoted(_title)).Append('\n');
            text.Append("published: ").Append(_published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
            text.Append("source: ").Append(Quoted(_source)).Append('\n');
            text.Append("url: ").Append(_url).Append('\n');
            text.Append("---\n");
        }
        text.AppendJoin("\n\n", _paragraphs).Append('\n');
        return text.ToString();
    }

    private static string Quoted(string? value) => value is null ? string.Empty : $"\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
