namespace TradeBot.Core.Text.Lexicon;

/// <summary>
/// The names news uses for one another (name-aliases.txt): "Washington" for the US government, "Moscow" and
/// "Soviet" for the USSR, "Brussels" for the European Community, a people for its country.
/// </summary>
public static class NameAliases
{
    private const string ResourceName = "TradeBot.Core.Text.Lexicon.name-aliases.txt";

    private static readonly Lazy<Dictionary<string, string[]>> s_groups = new(Load);

    /// <summary>The other names of what <paramref name="name"/> names (none for a name the list does not hold).</summary>
    public static IReadOnlyList<string> For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return s_groups.Value.TryGetValue(name.ToLowerInvariant(), out var others) ? others : [];
    }

    private static Dictionary<string, string[]> Load()
    {
        using var resource = typeof(NameAliases).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The name list {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(resource);
        var groups = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not { Length: > 1 } names)
            {
                continue;
            }
            foreach (var name in names)
            {
                groups[name] = [.. names.Where(n => n != name)];
            }
        }
        return groups;
    }
}
