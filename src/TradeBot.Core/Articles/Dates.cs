using System.Globalization;

namespace TradeBot.Core.Articles;

internal static class Dates
{
    /// <summary>Parses ISO-8601 and RFC 1123 style dates; a date without an offset is taken as UTC.</summary>
    public static DateTimeOffset? Parse(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
}
