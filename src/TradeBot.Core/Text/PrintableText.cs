using System.Globalization;
using System.Text;

namespace TradeBot.Core.Text;

/// <summary>
/// Text from files and articles made safe to print to a terminal or a log: control characters (which can move the
/// cursor, clear the screen or forge log lines) and the invisible characters that reorder text (bidirectional
/// overrides) are written as visible escapes such as <c>\x1B</c> or <c>\u202E</c>.
/// </summary>
public static class PrintableText
{
    /// <param name="text">The text.</param>
    /// <param name="keepLineBreaks">Whether line feeds stay as they are (multi-line text such as an answer).</param>
    public static string Escape(string text, bool keepLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => NeedsEscape(c, keepLineBreaks)))
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c, keepLineBreaks))
            {
                escaped.Append(c);
            }
            else if (c <= '\u00FF')
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c, bool keepLineBreaks) =>
        (char.IsControl(c) && !(keepLineBreaks && c == '\n'))
        || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
