using System.Text;

namespace TradeBot.Core.Articles;

internal static class TextDecoding
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 strictly; returns the reason when the bytes are binary or not UTF-8.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? error)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        if (bytes.Contains((byte)0))
        {
            (text, error) = (string.Empty, "binary content (NUL bytes), not a text file");
            return false;
        }
        try
        {
            (text, error) = (s_strictUtf8.GetString(bytes), null);
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            (text, error) = (string.Empty, $"invalid UTF-8 at byte {ex.Index}");
            return false;
        }
    }
}
