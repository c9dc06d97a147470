using System.Text;

namespace TradeBot.Core.Answers.Llm;

/// <summary>
/// Drops, while the answer streams, the <c>[n]</c> markers that point at no source given, so that a reader never
/// sees them even before the final answer replaces the streamed text. Text that may start a marker is held back
/// until the marker closes or turns out not to be one.
/// </summary>
internal sealed class MarkerStreamFilter(int sourceCount)
{
    private const int MaxMarkerLength = 24;
    private readonly StringBuilder _pending = new();

    public string Push(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var output = new StringBuilder();
        foreach (var c in chunk)
        {
            if (_pending.Length == 0)
            {
                if (c == '[')
                {
                    _pending.Append(c);
                }
                else
                {
                    output.Append(c);
                }
                continue;
            }
            _pending.Append(c);
            if (c == ']')
            {
                output.Append(Resolve(_pending.ToString()));
                _pending.Clear();
            }
            else if (!(char.IsAsciiDigit(c) || c is ',' or ';' or ' ') || _pending.Length > MaxMarkerLength)
            {
                // not a marker: release it, keeping a new '[' pending
                var text = _pending.ToString();
                _pending.Clear();
                if (c == '[')
                {
                    output.Append(text.AsSpan(0, text.Length - 1));
                    _pending.Append('[');
                }
                else
                {
                    output.Append(text);
                }
            }
        }
        return output.ToString();
    }

    public string Flush()
    {
        var text = _pending.ToString();
        _pending.Clear();
        return text;
    }

    private string Resolve(string marker)
    {
        var inner = marker[1..^1];
        var parts = inner.Split([',', ';'], StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            return marker;
        }
        var valid = parts.Select(p => int.TryParse(p, out var n) ? n : 0).Where(n => n >= 1 && n <= sourceCount).Distinct().ToList();
        return string.Concat(valid.Select(n => $"[{n}]"));
    }
}
