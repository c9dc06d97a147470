using System.Text.RegularExpressions;
using TradeBot.Core.Text;

namespace TradeBot.Suggestions;

/// <summary>
/// Questions an article's own sentences suggest: where a headline or an opening sentence says who did what about a
/// trade measure ("The European Union extended its steel safeguard quotas…", "Beijing responded with a 125 percent
/// tariff…"), the question asks it back ("What quotas did the European Union extend?", "How did Beijing respond to
/// the tariff?"). Only the shape of English sentences and the vocabulary of trade news are used; whether the corpus
/// can answer a question is checked by <see cref="CorpusQuestions"/>, not here.
/// </summary>
internal static partial class QuestionShapes
{
    private const int SentencesRead = 4;
    private const int MaxLength = 90;

    /// <summary>The measures a question can ask for by name ("What tariffs did …").</summary>
    private static readonly HashSet<string> s_measures = new(StringComparer.OrdinalIgnoreCase)
    {
        "tariff", "tariffs", "duty", "duties", "levy", "levies", "quota", "quotas", "sanctions", "restrictions", "curbs",
        "ban", "subsidies", "exemptions", "controls", "safeguards",
    };

    /// <summary>What else a trade story is about, asked with "say about" ("What did China say about the talks?").</summary>
    private static readonly HashSet<string> s_topics = new(StringComparer.OrdinalIgnoreCase)
    {
        "talks", "negotiations", "deal", "agreement", "dispute", "exports", "imports",
    };

    private static readonly HashSet<string> s_speech = ["say", "tell", "warn", "urge", "accuse", "criticise", "criticize", "welcome", "confirm", "announce"];

    private static readonly HashSet<string> s_response = ["respond", "retaliate", "react", "hit back"];

    /// <summary>Verbs of trade news by their inflected forms.</summary>
    private static readonly Dictionary<string, string> s_verbs = Verbs();

    private static readonly HashSet<string> s_notActors = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "While", "When", "On", "In", "At", "But", "And", "However", "Despite", "After", "Before", "If",
        "As", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "Its", "His", "Her", "Their", "Our",
        "What", "Why", "How", "Officials", "Analysts", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "Meanwhile", "Still", "Also", "READ", "Reuters",
    };

    /// <summary>The questions that <paramref name="title"/> and the start of <paramref name="text"/> suggest, best first.</summary>
    public static IEnumerable<string> From(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        if (title.Length > 0)
        {
            sentences.Add(title);
        }
        sentences.AddRange(SentenceSplitter.Split(text).Take(SentencesRead).Select(s => s.Text));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sentence in sentences)
        {
            // A capitalised word that is no actor ("Since then Trump imposed…") must not hide the one after it.
            for (var clause = Clause().Match(sentence); clause.Success; clause = Clause().Match(sentence, clause.Groups["actor"].Index + clause.Groups["actor"].Length))
            {
                if (Ask(clause) is { Length: > 0 and <= MaxLength } question && seen.Add(question))
                {
                    yield return question;
                }
            }
        }
    }

    private static string? Ask(Match clause)
    {
        var actorName = clause.Groups["actor"].Value;
        if (s_notActors.Contains(actorName.Split(' ')[0]) || !s_verbs.TryGetValue(clause.Groups["verb"].Value.ToLowerInvariant(), out var verb))
        {
            return null;
        }

        var actor = clause.Groups["the"].Success || Acronym().IsMatch(actorName) ? "the " + actorName : actorName;
        var rest = clause.Groups["rest"].Value;
        var words = Words().Matches(rest).Select(m => m.Value).ToList();
        var measureAt = words.FindIndex(s_measures.Contains);
        var topic = words.Find(s_topics.Contains);
        if (s_response.Contains(verb))
        {
            var against = measureAt >= 0 ? words[measureAt] : topic;
            return against is null ? null : $"How did {actor} respond to the {against.ToLowerInvariant()}?";
        }
        if (s_speech.Contains(verb))
        {
            var about = topic ?? (measureAt >= 0 ? words[measureAt] : null);
            return about is null ? null : $"What did {actor} say about the {about.ToLowerInvariant()}?";
        }
        if (measureAt < 0)
        {
            return topic is null ? null : $"What did {actor} say about the {topic.ToLowerInvariant()}?";
        }

        // "… tariffs on Chinese goods": the measure's target, when a short phrase names it.
        var target = Target().Match(string.Join(' ', words.Skip(measureAt + 1)));
        var on = target.Success ? " " + target.Value : string.Empty;
        return $"What {words[measureAt].ToLowerInvariant()} did {actor} {verb}{on}?";
    }

    private static Dictionary<string, string> Verbs()
    {
        var verbs = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string lemma, params string[] forms)
        {
            foreach (var form in forms.Append(lemma))
            {
                verbs[form] = lemma;
            }
        }

        foreach (var regular in new[] { "impose", "extend", "raise", "lift", "retaliate", "respond", "announce", "warn", "threaten", "approve", "reject", "propose", "increase", "reduce", "suspend", "delay", "end", "add", "levy", "urge", "accuse", "consider", "review", "welcome", "confirm", "criticise", "criticize", "react", "introduce", "expand", "double", "tighten", "ease", "remove", "scrap", "slash", "announce", "adopt", "restrict", "block" })
        {
            var past = regular.EndsWith('e') ? regular + "d" : regular + "ed";
            Add(regular, regular + "s", past);
        }
        Add("ban", "bans", "banned");
        Add("slap", "slaps", "slapped");
        Add("drop", "drops", "dropped");
        Add("say", "says", "said");
        Add("tell", "tells", "told");
        Add("cut", "cuts");
        Add("set", "sets");
        Add("hit", "hits");
        Add("put", "puts");
        return verbs;
    }

    [GeneratedRegex(@"(?:^|(?<=[\s,;:—–(]))(?<the>[Tt]he\s+)?(?<actor>(?:\p{Lu}\p{Ll}+|\p{Lu}{2,}|(?:\p{Lu}\.){2,})(?:\s+(?:\p{Lu}\p{Ll}+|\p{Lu}{2,}|(?:\p{Lu}\.){2,}))*)\s+(?:(?:has|have|had|will|would|also|\p{Ll}+ly)\s+){0,2}(?<verb>\p{Ll}{3,})\b(?<rest>(?:[^.;!?]|(?<=\b\p{Lu})\.)*)", RegexOptions.CultureInvariant)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^(?:\p{Lu}{2,}|(?:\p{Lu}\.){2,})$", RegexOptions.CultureInvariant)]
    private static partial Regex Acronym();

    [GeneratedRegex(@"[\p{L}][\p{L}.’'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    /// <summary>"on Chinese goods", "against the US": a preposition and up to three words, the last a noun-like word.</summary>
    [GeneratedRegex(@"^(?:on|against)\s+(?:the\s+)?(?:[\p{L}.’'-]+\s+){0,2}(?:imports|goods|products|exports|steel|cars|vehicles|\p{Lu}[\p{L}.]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Target();
}
