using System.Text;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>HTML pages of a given shape, for the parser's limits.</summary>
internal static class HtmlPages
{
    /// <summary>A page whose body nests <paramref name="depth"/> <paramref name="element"/> elements around <paramref name="inner"/>.</summary>
    public static string Nested(string element, int depth, string inner)
    {
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>Nested</title></head><body>");
        for (var i = 0; i < depth; i++)
        {
            page.Append('<').Append(element).Append('>');
        }
        page.Append(inner);
        for (var i = 0; i < depth; i++)
        {
            page.Append("</").Append(element).Append('>');
        }
        return page.Append("</body></html>").ToString();
    }

    /// <summary>A page whose body holds <paramref name="count"/> copies of <paramref name="fragment"/> one after another.</summary>
    public static string Repeated(string fragment, int count, string prefix = "", string suffix = "") =>
        $"<!DOCTYPE html><html><head><title>Repeated</title></head><body>{prefix}{string.Concat(Enumerable.Repeat(fragment, count))}{suffix}</body></html>";
}
