using System.Security.Cryptography;
using System.Text;

namespace TradeBot.Core.Stores;

/// <summary>Stable passage ids: the same article id and ordinal always give the same UUID (usable as a Qdrant point id).</summary>
public static class PassageIds
{
    public static Guid For(string articleId, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{articleId}\n{ordinal}"), hash);
        var bytes = hash[..16];
        // RFC 9562 version 8 (custom) UUID with the RFC variant bits.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
