using System.Text;

namespace TradeBot.Core.Text;

/// <summary>
/// The one place where article text (titles, outlets, quotes, claim sentences) is made safe to put into Markdown that
/// channels render, Web Chat with HTML enabled among them. Escaped text stays on one line and renders as the same
/// characters, but cannot create links, images, reference definitions (<c>[2]: javascript:…</c>), citation markers
/// (<c>[5]</c>), emphasis, code, headings, lists or HTML markup.
/// </summary>
public static class MarkdownText
{
    /// <summary>Every character that can open Markdown or HTML syntax in the middle of a line.</summary>
    private const string Special = "\\`*_[]<>&#~";

    /// <summary>Article text as Markdown that renders as exactly that text, on one line.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                // A line break would let the text start a block of its own: a reference definition, heading or list.
                if (escaped.Length > 0 && escaped[^1] != ' ')
                {
                    escaped.Append(' ');
                }
                continue;
            }
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        EscapeLineStart(escaped);
        return escaped.ToString();
    }

    /// <summary>Article text as the quoted title of a Markdown link or reference definition (<c>"…"</c>).</summary>
    public static string LinkTitle(string text) => Escape(text).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>
    /// A web address (already checked by <see cref="WebLinks.Normalize"/>) as a Markdown link destination: the
    /// characters that would end the destination early or add link text (<c>)</c>, spaces, <c>&lt;</c> …) are percent-encoded.
    /// </summary>
    public static string LinkDestination(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var encoded = new StringBuilder(url.Length + 8);
        foreach (var c in url)
        {
            encoded.Append(c switch
            {
                '(' => "%28",
                ')' => "%29",
                '<' => "%3C",
                '>' => "%3E",
                '[' => "%5B",
                ']' => "%5D",
                '"' => "%22",
                '\\' => "%5C",
                ' ' => "%20",
                '`' => "%60",
                _ => c.ToString(),
            });
        }
        return encoded.ToString();
    }

    /// <summary>At the start of a line "- ", "+ ", "= " or "1. " would make a list or heading: escape that character.</summary>
    private static void EscapeLineStart(StringBuilder text)
    {
        var start = 0;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }
        if (start < text.Length && text[start] is '-' or '+' or '=')
        {
            text.Insert(start, '\\');
            return;
        }
        var digits = start;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        if (digits > start && digits < text.Length && text[digits] is '.' or ')')
        {
            text.Insert(digits, '\\');
        }
    }
}
