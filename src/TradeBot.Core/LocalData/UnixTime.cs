namespace TradeBot.Core.LocalData;

internal static class UnixTime
{
    public static object ToDb(DateTimeOffset? value) => value is { } date ? date.ToUnixTimeMilliseconds() : DBNull.Value;

    public static DateTimeOffset? FromDb(object value) => value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
