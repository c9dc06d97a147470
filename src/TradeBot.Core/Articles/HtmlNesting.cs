namespace TradeBot.Core.Articles;

/// <summary>
/// How deeply an HTML page nests its elements, found by a linear scan of its tags before it is parsed. An HTML parser
/// looks through the stack of open elements for many tags, so parsing a page of 100,000 nested elements takes time
/// that grows with the square of its depth (40 s for 1.1 MB); such a page is refused instead. The scan follows the
/// parser where it matters for depth: void elements, raw-text elements, end tags that close what they name, elements
/// whose end tag may be omitted, and self-closing tags, which close only in SVG and MathML.
/// </summary>
internal static class HtmlNesting
{
    /// <summary>What browsers allow before they flatten (Chromium's parser: 512).</summary>
    public const int DefaultMaxDepth = 512;

    private static readonly HashSet<string> s_void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> s_rawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    };

    // A second one closes the first (or the parser places them itself), so repeating them does not nest.
    private static readonly HashSet<string> s_implied = new(StringComparer.Ordinal)
    {
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "rb", "rt", "rtc", "rp",
    };

    // HTML elements that end SVG or MathML content when they appear inside it.
    private static readonly HashSet<string> s_breakOut = new(StringComparer.Ordinal)
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i",
        "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    };

    // Inside SVG or MathML, these hold HTML again.
    private static readonly HashSet<string> s_integrationPoints = new(StringComparer.Ordinal)
    {
        "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
    };

    public static string TooDeep(int maxDepth) =>
        $"HTML nests elements more than {maxDepth} deep (Corpus:Reader:MaxHtmlDepth); not parsed";

    /// <summary>True when <paramref name="html"/> opens more than <paramref name="maxDepth"/> elements inside one another.</summary>
    public static bool Exceeds(string html, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(html);
        var open = new List<(string Name, bool ChildrenForeign)>();
        var openCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var next = html[i + 1];
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                i = SkipPast(html, i + 4, "-->");
                continue;
            }
            if (next is '!' or '?' || (next == '/' && (i + 2 >= html.Length || !char.IsAsciiLetter(html[i + 2]))))
            {
                i = SkipPast(html, i + 2, ">");
                continue;
            }
            var isEnd = next == '/';
            var nameStart = isEnd ? i + 2 : i + 1;
            if (!char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < html.Length && !char.IsWhiteSpace(html[nameEnd]) && html[nameEnd] is not ('/' or '>'))
            {
                nameEnd++;
            }
            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var (tagEnd, selfClosing) = EndOfTag(html, nameEnd);
            i = tagEnd;
            if (isEnd)
            {
                if (openCounts.GetValueOrDefault(name) > 0)
                {
                    string closed;
                    do
                    {
                        closed = Pop(open, openCounts);
                    }
                    while (closed != name);
                }
                continue;
            }

            var inForeign = open.Count > 0 && open[^1].ChildrenForeign;
            if (inForeign && s_breakOut.Contains(name))
            {
                while (open.Count > 0 && open[^1].ChildrenForeign)
                {
                    Pop(open, openCounts);
                }
                inForeign = false;
            }
            if (inForeign)
            {
                if (!selfClosing)
                {
                    Push(open, openCounts, name, childrenForeign: !s_integrationPoints.Contains(name));
                }
            }
            else if (name == "plaintext")
            {
                return open.Count + 1 > maxDepth; // the rest of the page is text
            }
            else if (s_rawText.Contains(name))
            {
                i = SkipPast(html, i, "</" + name);
            }
            else if (!s_void.Contains(name) && !s_implied.Contains(name))
            {
                Push(open, openCounts, name, childrenForeign: name is "svg" or "math");
            }
            if (open.Count > maxDepth)
            {
                return true;
            }
        }
        return false;
    }

    private static void Push(List<(string Name, bool ChildrenForeign)> open, Dictionary<string, int> counts, string name, bool childrenForeign)
    {
        open.Add((name, childrenForeign));
        counts[name] = counts.GetValueOrDefault(name) + 1;
    }

    private static string Pop(List<(string Name, bool ChildrenForeign)> open, Dictionary<string, int> counts)
    {
        var name = open[^1].Name;
        open.RemoveAt(open.Count - 1);
        counts[name]--;
        return name;
    }

    /// <summary>The index after the tag's closing '&gt;' (quoted attribute values may hold one), and whether it ends with "/&gt;".</summary>
    private static (int End, bool SelfClosing) EndOfTag(string html, int i)
    {
        var previous = '\0';
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return (i + 1, previous == '/');
            }
            if (c is '"' or '\'' && previous == '=')
            {
                var close = html.IndexOf(c, i + 1);
                i = close < 0 ? html.Length : close + 1;
                previous = c;
                continue;
            }
            if (!char.IsWhiteSpace(c))
            {
                previous = c;
            }
            i++;
        }
        return (html.Length, false);
    }

    private static int SkipPast(string html, int from, string marker)
    {
        var at = from <= html.Length ? html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase) : -1;
        return at < 0 ? html.Length : at + marker.Length;
    }
}
