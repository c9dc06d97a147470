using System.Text.RegularExpressions;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Text;

namespace TradeBot.Core.Answers;

/// <summary>
/// What a question asks that someone did: the thing, the doer and the act ("What sanctions did the Australian government
/// impose"), to tell a passage that says someone else did something else ("a trade ban imposed by Australian labor
/// unions"). Only doers told by a common noun are compared ("government", "unions"): a name has aliases and
/// office-holders this cannot weigh ("the US" and "the Reagan administration" are one doer).
/// </summary>
internal sealed class QuestionAct
{
    private const int MaxDoerWords = 4;

    private static readonly HashSet<string> s_auxiliaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "did", "does", "do", "has", "have", "had", "will", "would", "can", "could", "is", "are", "was", "were",
    };

    private static readonly HashSet<string> s_thingQuestions = new(StringComparer.OrdinalIgnoreCase) { "what", "which", "much", "many" };

    private readonly IReadOnlyList<QueryTerm> _terms;
    private readonly string _thing;

    // For each word the question may act with, the doer before it: "impos" after "australian govern".
    private readonly List<(string Act, List<string> Doer)> _readings;

    private QuestionAct(IReadOnlyList<QueryTerm> terms, string thing, List<(string, List<string>)> readings) =>
        (_terms, _thing, _readings) = (terms, thing, readings);

    /// <summary>
    /// The thing asked for ("What sanctions", "How much credit") and the doer named after the auxiliary ("did",
    /// "has"…); null when the question names no thing, or no doer by a common noun.
    /// </summary>
    public static QuestionAct? Of(string question, IReadOnlyList<QueryTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(terms);
        var words = TextAnalyzer.Word().Matches(question).Select(m => m.Value).ToList();
        var auxiliary = words.FindIndex(s_auxiliaries.Contains);
        var asking = words.FindIndex(s_thingQuestions.Contains);
        if (auxiliary < 0 || asking < 0 || auxiliary != asking + 2 || !IsCommonNoun(words[asking + 1])
            || TextAnalyzer.Terms(words[asking + 1]) is not [var thing])
        {
            return null;
        }
        var readings = new List<(string, List<string>)>();
        var doer = new List<string>();
        var doerHead = "";
        for (var i = auxiliary + 1; i < words.Count && doer.Count <= MaxDoerWords; i++)
        {
            if (TextAnalyzer.Terms(words[i]) is not [var term])
            {
                continue; // "the"
            }
            if (doer.Count > 0 && IsCommonNoun(doerHead) && IsCommonNoun(words[i]))
            {
                readings.Add((term, [.. doer]));
            }
            doer.Add(term);
            doerHead = words[i];
        }
        return readings.Count == 0 ? null : new QuestionAct(terms, thing, readings);
    }

    /// <summary>
    /// The question's acts that a passage says someone else did ("imposed by Australian labor unions") and never says
    /// the question's doer did ("imposed by the government"), when the passage never names the thing asked for either
    /// (a ban, not sanctions). Either alone may be the question told in other words ("British carriers" for British
    /// airlines); both together are another deed.
    /// </summary>
    public IReadOnlySet<string> ActsDoneByAnother(IEnumerable<string> sentences, IReadOnlySet<string> passageTerms)
    {
        var another = new HashSet<string>(StringComparer.Ordinal);
        var same = new HashSet<string>(StringComparer.Ordinal);
        if (Said(_thing, passageTerms))
        {
            return another;
        }
        foreach (var sentence in sentences)
        {
            foreach (var (act, agent) in Agents(sentence))
            {
                foreach (var (_, doer) in _readings.Where(r => r.Act == act))
                {
                    if (IsDoer(doer, sentence, agent))
                    {
                        same.Add(act);
                    }
                    else if (IsAnother(doer, agent))
                    {
                        another.Add(act);
                    }
                }
            }
        }
        another.ExceptWith(same);
        return another;
    }

    /// <summary>Whether the agent is the doer: the doer's head (or a word related to it) in the agent, or the agent's head related to a doer's word.</summary>
    private bool IsDoer(List<string> doer, string sentence, List<string> agent)
    {
        var agentTerms = agent.ToHashSet(StringComparer.Ordinal);
        var related = QuestionAnalyzer.RelatedTerms(sentence, agent[^1]).Append(agent[^1]).ToHashSet(StringComparer.Ordinal);
        return Said(doer[^1], agentTerms) || doer.Exists(related.Contains);
    }

    /// <summary>
    /// Whether the agent is another of the same kind: one of the doer's qualifiers with another head ("Australian labor
    /// unions" for "the Australian government"). An agent with none of them may be the doer told another way ("the
    /// cabinet" for "the Taiwan government", "state authorities" for regulators).
    /// </summary>
    private bool IsAnother(List<string> doer, List<string> agent)
    {
        var qualifiers = agent[..^1].ToHashSet(StringComparer.Ordinal);
        return doer[..^1].Exists(q => Said(q, qualifiers));
    }

    /// <summary>Whether a text's terms have a term of the question, or a word related to it.</summary>
    private bool Said(string term, IReadOnlySet<string> textTerms) =>
        _terms.FirstOrDefault(t => t.Term == term) is { } known ? known.MatchIn(textTerms) > 0 : textTerms.Contains(term);

    /// <summary>Each "&lt;act&gt; by &lt;agent&gt;" of a sentence whose agent ends in a common noun: ("impos", [australian, labor, union]).</summary>
    private static IEnumerable<(string Act, List<string> Agent)> Agents(string sentence)
    {
        var words = TextAnalyzer.Word().Matches(sentence).ToList();
        for (var i = 0; i + 2 < words.Count; i++)
        {
            if (!words[i + 1].Value.Equals("by", StringComparison.OrdinalIgnoreCase) || !Adjoin(sentence, words[i], words[i + 1])
                || TextAnalyzer.Terms(words[i].Value) is not [var act])
            {
                continue;
            }
            var agent = new List<string>();
            Match? last = null;
            for (var j = i + 2; j < words.Count && agent.Count < MaxDoerWords; j++)
            {
                var terms = TextAnalyzer.Terms(words[j].Value);
                if (terms.Count == 0 && agent.Count == 0)
                {
                    continue; // "by the"
                }
                if (terms is not [var term] || (last is not null && !Adjoin(sentence, last, words[j])))
                {
                    break;
                }
                agent.Add(term);
                last = words[j];
            }
            if (last is not null && IsCommonNoun(last.Value))
            {
                yield return (act, agent);
            }
        }
    }

    private static bool Adjoin(string text, Match first, Match second) =>
        string.IsNullOrWhiteSpace(text[(first.Index + first.Length)..second.Index]);

    private static bool IsCommonNoun(string word) => char.IsLower(word[0]);
}
