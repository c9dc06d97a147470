using System.Text.RegularExpressions;

namespace TradeBot.Core.Ingestion.Feeds;

/// <summary>
/// The rules of a robots.txt for one crawler (RFC 9309): the group that names it, else the <c>*</c> group; the longest
/// matching <c>Allow</c> or <c>Disallow</c> path wins, <c>Allow</c> on a tie; <c>*</c> and a final <c>$</c> are understood.
/// </summary>
internal sealed class RobotsRules
{
    public static readonly RobotsRules AllowAll = new([]);
    public static readonly RobotsRules DisallowAll = new([(new Regex("^/", RegexOptions.None, TimeSpan.FromSeconds(1)), 1, false)]);

    private readonly IReadOnlyList<(Regex Pattern, int Length, bool Allow)> _rules;

    private RobotsRules(IReadOnlyList<(Regex Pattern, int Length, bool Allow)> rules) => _rules = rules;

    public static RobotsRules Parse(string text, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(text);
        var product = userAgent.Split('/', ' ')[0];
        var groups = new List<(List<string> Agents, List<(string Path, bool Allow)> Rules)>();
        var inAgents = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var (key, value) = (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
            if (key == "user-agent")
            {
                if (!inAgents)
                {
                    groups.Add(([], []));
                }
                groups[^1].Agents.Add(value);
                inAgents = true;
            }
            else if (key is "allow" or "disallow" && groups.Count > 0)
            {
                inAgents = false;
                if (value.Length > 0)
                {
                    groups[^1].Rules.Add((value, key == "allow"));
                }
            }
        }
        var chosen = groups.Where(g => g.Agents.Any(a => a.Equals(product, StringComparison.OrdinalIgnoreCase))).ToList();
        if (chosen.Count == 0)
        {
            chosen = [.. groups.Where(g => g.Agents.Contains("*"))];
        }
        return new RobotsRules([.. chosen.SelectMany(g => g.Rules).Select(r => (Pattern(r.Path), r.Path.Length, r.Allow))]);
    }

    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.PathAndQuery;
        var best = _rules.Where(r => r.Pattern.IsMatch(path)).OrderByDescending(r => r.Length).ThenByDescending(r => r.Allow).FirstOrDefault();
        return best.Pattern is null || best.Allow;
    }

    private static Regex Pattern(string path)
    {
        var anchored = path.EndsWith('$');
        var body = Regex.Escape(anchored ? path[..^1] : path).Replace(@"\*", ".*", StringComparison.Ordinal);
        return new Regex("^" + body + (anchored ? "$" : string.Empty), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
