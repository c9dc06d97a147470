using System.Buffers;
using System.Text.Json;

namespace TradeBot.Core.Articles;

/// <summary>
/// JSON Lines, one article an line: <c>id, title, published (or date), source, url, body</c>. Streamed, so a file may
/// be any size; a malformed line is reported with its number and the rest is read.
/// </summary>
internal static class JsonLinesArticleReader
{
    public static IEnumerable<ReadResult> Read(Stream stream, string fileId, string origin, int maxLineBytes)
    {
        foreach (var (number, line, tooLong) in Lines(stream, maxLineBytes))
        {
            var item = $"{fileId}:{number}";
            if (tooLong)
            {
                yield return ReadResult.Failure(item, $"line is longer than {maxLineBytes} bytes");
                continue;
            }
            if (line.IsEmpty || line.Span.Trim((byte)' ').Trim((byte)'\r').IsEmpty)
            {
                continue;
            }
            yield return ParseLine(line.Span, item, origin);
        }
    }

    private static ReadResult ParseLine(ReadOnlySpan<byte> line, string item, string origin)
    {
        if (!TextDecoding.TryDecode(line, out _, out var decodeError))
        {
            return ReadResult.Failure(item, decodeError!);
        }
        try
        {
            using var json = JsonDocument.Parse(line.ToArray());
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ReadResult.Failure(item, "line is not a JSON object");
            }
            var root = json.RootElement;
            var body = Text(root, "body") ?? Text(root, "text") ?? Text(root, "content");
            if (body is null)
            {
                return ReadResult.Failure(item, "no 'body' field");
            }
            var article = new RawArticle(
                Text(root, "id") ?? item,
                Text(root, "title"),
                Text(root, "source") ?? Text(root, "outlet"),
                Text(root, "url") ?? Text(root, "link"),
                Dates.Parse(Text(root, "published") ?? Text(root, "date")),
                body,
                origin);
            return ReadResult.Success(article);
        }
        catch (JsonException ex)
        {
            return ReadResult.Failure(item, $"malformed JSON: {ex.Message}");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static IEnumerable<(int Number, ReadOnlyMemory<byte> Line, bool TooLong)> Lines(Stream stream, int maxLineBytes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[64 * 1024];
        var number = 1;
        var skipping = false;
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            var offset = 0;
            while (offset < read)
            {
                var newline = Array.IndexOf(chunk, (byte)'\n', offset, read - offset);
                var partLength = (newline < 0 ? read : newline) - offset;
                if (!skipping)
                {
                    if (buffer.WrittenCount + partLength > maxLineBytes)
                    {
                        skipping = true;
                        buffer.Clear();
                    }
                    else
                    {
                        buffer.Write(chunk.AsSpan(offset, partLength));
                    }
                }
                if (newline < 0)
                {
                    break;
                }
                yield return (number++, skipping ? ReadOnlyMemory<byte>.Empty : buffer.WrittenMemory.ToArray(), skipping);
                buffer.Clear();
                skipping = false;
                offset = newline + 1;
            }
        }
        if (buffer.WrittenCount > 0 || skipping)
        {
            yield return (number, skipping ? ReadOnlyMemory<byte>.Empty : buffer.WrittenMemory.ToArray(), skipping);
        }
    }
}
