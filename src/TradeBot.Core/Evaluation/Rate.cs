using System.Globalization;

namespace TradeBot.Core.Evaluation;

/// <summary>How many of a number of cases; <see cref="Share"/> is null for none.</summary>
internal readonly record struct Rate(int Hits, int Total)
{
    public double? Share => Total == 0 ? null : (double)Hits / Total;

    public override string ToString() =>
        Share is { } share ? string.Create(CultureInfo.InvariantCulture, $"{Hits}/{Total} ({share * 100:F1}%)") : "0/0";
}
