using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using TradeBot.Core.Retrieval;
using TradeBot.Core.Text;

namespace TradeBot.Core.Answers;

/// <summary>
/// Answers without a language model: picks the sentences of the retrieved passages that best cover the question,
/// leads with the figure when the question asks for one, marks each claim with the articles that state it, and
/// declines when retrieval finds nothing relevant. Every quote is a sentence that stands in the cited article.
/// </summary>
public sealed partial class ExtractiveAnswerer(PassageRetriever retriever, IOptions<AnswerOptions> options) : IQuestionAnswerer, IStreamingQuestionAnswerer
{
    private const double AnswerTypeBonus = 0.15;
    private const double PassageScoreWeight = 0.5;
    private const int MaxSuggestions = 2;
    private const int SuggestionCandidates = 10;
    private const double OwnTermsShare = 0.6;
    private const double HeadlineShare = 0.3;
    private const double SameFigureShare = 0.7;
    private const double PhraseWeight = 0.2;
    internal const int RetrievalTop = 8;
    private readonly AnswerOptions _options = options.Value;

    public async Task<Answer> AnswerAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        return await AnswerAsync(Request(question, history), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The search for a question asked in a conversation: a follow-up borrows the terms of the earlier questions.</summary>
    internal RetrievalRequest Request(string question, IReadOnlyList<ConversationTurn> history)
    {
        var context = history.Reverse().Take(_options.ContextTurns).Select(t => t.Question).ToList();
        return new RetrievalRequest(question, context, Top: RetrievalTop);
    }

    /// <summary>Answers a search already worked out (a standalone query, perhaps limited to dates).</summary>
    internal async Task<Answer> AnswerAsync(RetrievalRequest request, CancellationToken cancellationToken = default)
    {
        var retrieval = await retriever.RetrieveAsync(request, cancellationToken).ConfigureAwait(false);
        return AnswerFrom(request.Question, retrieval);
    }

    /// <summary>
    /// Composes the answer from a retrieval already done for <paramref name="question"/>, so that another answerer can
    /// share it. Only the first <see cref="RetrievalTop"/> passages are read: a retrieval of more (the retriever
    /// picks passages best first) gives the same answer as one of that many.
    /// </summary>
    internal Answer AnswerFrom(string question, RetrievalResult retrieval)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrieval);
        if (retrieval.Passages.Count > RetrievalTop || retrieval.AtOtherTimes.Count > RetrievalTop)
        {
            retrieval = retrieval with { Passages = [.. retrieval.Passages.Take(RetrievalTop)], AtOtherTimes = [.. retrieval.AtOtherTimes.Take(RetrievalTop)] };
        }
        if (retrieval.Passages.Count == 0)
        {
            return Answer.NotCovered(question, _options.NotCoveredText);
        }

        if (CountsWhatNoPassageCounts(question, retrieval))
        {
            return Answer.NotCovered(question, _options.NotCoveredText);
        }
        var kinds = AnswerKinds.Of(question);
        var names = retrieval.Terms.Where(t => t.IsName).ToList();
        Func<CandidateSentence, bool>? givesWhatIsAsked = kinds.Figure is { } figure ? s => AnswerFigures.Answering(figure, s.Text, question, names) is not null
            : kinds.Count > 0 ? s => kinds.GivenBy(s.Text, question) == kinds.Count
            : null;
        var read = Sentences(retrieval, question, kinds);
        var sentences = read.FindAll(s => !s.AtAnotherTime);
        if (AnswersANeighbouringQuestion(read, givesWhatIsAsked, retrieval))
        {
            return Answer.NotCovered(question, _options.NotCoveredText);
        }
        var claims = ChooseClaims(givesWhatIsAsked is null ? sentences : AskedFirst(sentences, givesWhatIsAsked));
        if (claims.Count == 0)
        {
            return Answer.NotCovered(question, _options.NotCoveredText);
        }
        return RecencyNote.AddTo(Compose(question, claims, kinds.Figure, names, sentences, retrieval), retrieval.Date);
    }

    /// <summary>The extractive answer is ready at once: its whole text as one chunk, then the answer.</summary>
    public async IAsyncEnumerable<AnswerUpdate> StreamAnswerAsync(string question, IReadOnlyList<ConversationTurn> history,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var answer = await AnswerAsync(question, history, cancellationToken).ConfigureAwait(false);
        yield return AnswerUpdate.Chunk(answer.Text);
        yield return AnswerUpdate.Completed(answer);
    }

    /// <summary>
    /// Whether the question asks how many of something that no passage read with the question's names counts, by its
    /// word or a related one ("5 plants" for factories): "How many jobs is the firm cutting?" over articles that count
    /// its subscribers.
    /// </summary>
    private static bool CountsWhatNoPassageCounts(string question, RetrievalResult retrieval) =>
        AnswerKinds.CountedWord(question) is { } word
        && TextAnalyzer.Terms(word) is [var term]
        && retrieval.Terms.FirstOrDefault(t => t.Term == term && !t.IsName) is { } counted
        && !retrieval.Passages.Any(p => p.HasAllNames && AnswerKinds.CountedWords(p.Passage.Text).Any(w => counted.MatchIn(TextAnalyzer.Terms(w).ToHashSet(StringComparer.Ordinal)) > 0));

    /// <summary>
    /// Whether the sentence closest to the question speaks of another time than it asks about, or of another thing:
    /// the articles then answer a neighbouring question, not this one.
    /// </summary>
    private static bool AnswersANeighbouringQuestion(List<CandidateSentence> read, Func<CandidateSentence, bool>? givesWhatIsAsked, RetrievalResult retrieval)
    {
        var giving = givesWhatIsAsked is null ? read : read.Where(givesWhatIsAsked);
        if (givesWhatIsAsked is not null && retrieval.Date is { } date)
        {
            var when = date.WordTerms();
            if (BestEvidenceIs(giving, s => s.AtAnotherTime, [.. retrieval.Terms.Where(t => !when.Contains(t.Term))]))
            {
                return true;
            }
        }
        return BestEvidenceIs(giving.Where(s => !s.AtAnotherTime), s => s.OfAnotherThing, retrieval.Terms);
    }

    /// <summary>
    /// Whether, of the sentences that give what is asked, the one that covers most of the topic is about something else:
    /// "Finland's surplus in March" where the articles give February's, and the March sentences that give a figure are
    /// about something else; "foreign investment in insurance companies" where they give it for telecoms companies.
    /// </summary>
    private static bool BestEvidenceIs(IEnumerable<CandidateSentence> giving, Func<CandidateSentence, bool> aboutSomethingElse, IReadOnlyList<QueryTerm> topic)
    {
        var best = giving.ToLookup(aboutSomethingElse, s => SentenceCoverage(topic, s.Terms));
        // A tie keeps the answer.
        return best[true].DefaultIfEmpty(0).Max() > best[false].DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// Whether a sentence says one of the question's compounds with another first word, after the question's word before
    /// it: "investment in telecoms companies" for "investment in insurance companies". The question's word must be
    /// missing from the sentence, its neighbours and its headline, and the sentence's word must not be related to it
    /// either way ("Japanese vehicle exports" may be "Japanese car exports").
    /// </summary>
    private static bool SaysItOfAnotherThing(List<QueryTerm> own, IReadOnlySet<(string, string)> compounds, List<string> sequence,
        IReadOnlySet<string> nearby, string sentence)
    {
        for (var q = 1; q + 1 < own.Count; q++)
        {
            if (!compounds.Contains((own[q].Term, own[q + 1].Term)) || own[q].MatchIn(nearby) > 0)
            {
                continue;
            }
            var (before, after) = (own[q - 1], own[q + 1]);
            for (var i = 0; i + 2 < sequence.Count; i++)
            {
                if (before.Matches(sequence[i]) && after.Matches(sequence[i + 2]))
                {
                    // The sentence's own words, looked at only where the terms line up.
                    var (other, head) = (sequence[i + 1], sequence[i + 2]);
                    if (TextAnalyzer.AdjacentTerms(sentence).Contains((other, head))
                        && !TermMatcher.Contains(QuestionAnalyzer.RelatedTerms(sentence, other).ToHashSet(StringComparer.Ordinal), own[q].Term))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// <summary>
    /// How much of the question a sentence covers. In a follow-up the sentence must above all answer what is asked now:
    /// the question's own terms count for more than those borrowed from earlier questions.
    /// </summary>
    private static double SentenceCoverage(IReadOnlyList<QueryTerm> terms, IReadOnlySet<string> sentenceTerms)
    {
        var all = PassageRetriever.Coverage(terms, sentenceTerms);
        if (!terms.Any(t => t.IsContext))
        {
            return all;
        }
        var own = PassageRetriever.Coverage([.. terms.Where(t => !t.IsContext)], sentenceTerms);
        return (OwnTermsShare * own) + ((1 - OwnTermsShare) * all);
    }

    private static List<CandidateSentence> Sentences(RetrievalResult retrieval, string question, AnswerKinds kinds)
    {
        var seen = new HashSet<(string, string)>();
        var sentences = new List<CandidateSentence>();
        var ownTerms = retrieval.Terms.Where(t => !t.IsContext).ToList();
        var own = ownTerms.ConvertAll(t => t.Term);
        var phrases = own.Zip(own.Skip(1)).ToList();
        var bestPassageScore = Math.Max(double.Epsilon, retrieval.Passages.Max(p => p.Score));
        var names = ownTerms.FindAll(t => t.IsName);
        var compounds = TextAnalyzer.AdjacentTerms(question);
        var questionAct = QuestionAct.Of(question, ownTerms);
        foreach (var (retrieved, passageAtAnotherTime) in retrieval.Passages.Select(p => (p, false)).Concat(retrieval.AtOtherTimes.Select(p => (p, true))))
        {
            var text = retrieved.Passage.Text;
            var analysis = PassageAnalysis.Of(text, retrieved.Passage.Title);
            var titleTerms = analysis.TitleTerms;
            var split = analysis.Sentences;
            // Each sentence is analysed once; a span of neighbouring sentences has their terms in turn.
            var analysed = analysis.SentenceTerms;
            var actsOfAnother = questionAct?.ActsDoneByAnother(split.Select(s => s.Text), analysis.Terms) ?? new HashSet<string>();
            string Span(int from, int to) => text[split[from].Start..(split[to].Start + split[to].Length)];
            List<string> TermsOf(int from, int to) => [.. Enumerable.Range(from, to - from + 1).SelectMany(i => analysed[i])];
            for (var i = 0; i < split.Count; i++)
            {
                // "He said …" and "'…,' he said" are quoted with the sentence before it, which says who; a sentence that only sets the
                // scene is quoted with the next one when that gives more of what is asked.
                var needsWho = LeadingPronoun().IsMatch(split[i].Text) || PronounSpeaker().IsMatch(split[i].Text);
                if (needsWho && i == 0)
                {
                    continue; // the sentence that says who is in the passage before
                }
                var first = needsWho ? i - 1 : i;
                var last = i;
                var given = kinds.GivenBy(Span(first, last), question);
                // A figure must stand in the sentence that covers the question: the next one's figure may be another fact's.
                if (kinds.Figure is null && i + 1 < split.Count
                    && ((given < kinds.Count && kinds.GivenBy(Span(first, i + 1), question) > given)
                        || Elaborates(split[i + 1].Text, own)))
                {
                    last = i + 1;
                    given = kinds.GivenBy(Span(first, last), question);
                }
                var sentence = Span(first, last);
                var namesAnotherTime = retrieval.Date?.Contradicts(sentence, retrieved.Passage.Published) == true;
                if (passageAtAnotherTime && retrieved.Passage.Published is null && !namesAnotherTime)
                {
                    continue; // an undated article's sentence that names no time is of no known time: no evidence either way
                }
                var atAnotherTime = passageAtAnotherTime || namesAnotherTime;
                var implied = DateConstraint.ImpliedYears(sentence, retrieved.Passage.Published).ToList();
                var sequence = TermsOf(first, last);
                var terms = sequence.Concat(implied).ToHashSet(StringComparer.Ordinal);
                // What the sentence covers is judged on the sentence itself; the one pulled in only adds what is asked.
                var ownSequence = last == i ? sequence : TermsOf(first, i);
                var coverage = SentenceCoverage(retrieval.Terms, ownSequence.Concat(implied).ToHashSet(StringComparer.Ordinal));
                // A span that covers nothing read from one sentence may cover the question read from the next.
                if (coverage <= 0 || !seen.Add((retrieved.Passage.ArticleId, sentence)))
                {
                    continue; // or the overlap between neighbouring passages
                }
                // A sentence about another country or company is no answer, even in an article that names the question's;
                // but one that gives what is asked ("until 15 July 2006") may leave the names to the rest of its passage.
                var givesAll = kinds.Figure is null && kinds.Count > 0 && given == kinds.Count;
                var nearby = terms.Concat(titleTerms).Concat(TermsOf(Math.Max(0, i - 1), Math.Min(split.Count - 1, i + 1))).ToHashSet(StringComparer.Ordinal);
                if (!names.TrueForAll(n => n.MatchIn(givesAll ? analysis.Terms : nearby) >= QueryTerm.StrongFactor))
                {
                    continue;
                }
                // The headline tells what the sentence is about, but the sentence itself must say the answer.
                var withHeadline = SentenceCoverage(retrieval.Terms, terms.Concat(titleTerms).ToHashSet(StringComparer.Ordinal));
                var score = ((1 - HeadlineShare) * coverage) + (HeadlineShare * withHeadline)
                    + (PassageScoreWeight * retrieved.Score / bestPassageScore)
                    + (PhraseWeight * PhraseShare(phrases, sequence))
                    + (kinds.Count == 0 ? 0 : AnswerTypeBonus * given / kinds.Count);
                sentences.Add(new CandidateSentence(retrieved.Passage, sentence, terms, score)
                {
                    AtAnotherTime = atAnotherTime,
                    OfAnotherThing = SaysItOfAnotherThing(ownTerms, compounds, ownSequence, nearby, sentence)
                        || actsOfAnother.Overlaps(ownSequence),
                });
            }
        }
        return sentences;
    }

    /// <summary>
    /// Whether a sentence goes on about what the question asks, by name: "The sanctions will end all military
    /// cooperation" after "New Zealand imposed sanctions".
    /// </summary>
    private static bool Elaborates(string next, List<string> questionTerms)
    {
        var opening = ElaborationStart().Match(next);
        return opening.Success && TextAnalyzer.Terms(opening.Groups["noun"].Value).Any(questionTerms.Contains);
    }

    /// <summary>
    /// The share of the question's neighbouring word pairs that stand together in a sentence (at most one word apart):
    /// "Chinese imports" tells a tariff on Chinese imports from China's duties on imports.
    /// </summary>
    private static double PhraseShare(List<(string First, string Second)> phrases, IReadOnlyList<string> sequence)
    {
        if (phrases.Count == 0)
        {
            return 0;
        }
        var found = 0;
        foreach (var (first, second) in phrases)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                if (sequence[i] == first && ((i + 1 < sequence.Count && sequence[i + 1] == second) || (i + 2 < sequence.Count && sequence[i + 2] == second)))
                {
                    found++;
                    break;
                }
            }
        }
        return found / (double)phrases.Count;
    }

    /// <summary>
    /// For a question that asks for something (a figure, a time, a place, a reason, items, a vote), a sentence that
    /// gives none of it cannot lead the answer: the best sentence that gives it all leads, when it scores at least half
    /// as much as the best sentence overall.
    /// </summary>
    private static List<CandidateSentence> AskedFirst(List<CandidateSentence> sentences, Func<CandidateSentence, bool> givesWhatIsAsked)
    {
        var ranked = sentences.OrderByDescending(s => s.Score).ToList();
        var giving = ranked.Find(s => givesWhatIsAsked(s));
        if (giving is null || giving.Score < ranked[0].Score / 2)
        {
            return ranked;
        }
        var leadScore = ranked[0].Score;
        ranked.Remove(giving);
        ranked.Insert(0, giving with { Score = leadScore });
        return ranked;
    }

    private List<Claim> ChooseClaims(List<CandidateSentence> sentences)
    {
        var ranked = sentences.OrderByDescending(s => s.Score).ToList();
        var claims = new List<Claim>();
        foreach (var sentence in ranked)
        {
            // A sentence quoted alone and again with its neighbour is one claim, said once.
            if (claims.Exists(c => c.Support.Exists(s => Overlaps(s, sentence))))
            {
                continue;
            }
            if (claims.Find(c => c.Support.Any(s => SameFact.Holds(s, sentence))) is { } sameFact)
            {
                if (sameFact.Support.TrueForAll(s => s.Passage.ArticleId != sentence.Passage.ArticleId))
                {
                    sameFact.Support.Add(sentence);
                }
                continue;
            }
            if (claims.Count < _options.MaxClaims && (claims.Count == 0 || sentence.Score >= _options.ClaimScoreRatio * claims[0].Lead.Score))
            {
                claims.Add(new Claim(sentence));
            }
        }
        return claims;
    }

    private static bool Overlaps(CandidateSentence a, CandidateSentence b) =>
        a.Passage.ArticleId == b.Passage.ArticleId
        && (a.Text.Contains(b.Text, StringComparison.Ordinal) || b.Text.Contains(a.Text, StringComparison.Ordinal));

    private Answer Compose(string question, List<Claim> claims, Regex? figure, IReadOnlyList<QueryTerm> names, List<CandidateSentence> sentences, RetrievalResult retrieval)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var quotes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var passages = new Dictionary<string, Stores.PassageRecord>(StringComparer.Ordinal);
        string Markers(Claim claim)
        {
            var claimNumbers = new SortedSet<int>();
            foreach (var support in claim.Support)
            {
                var id = support.Passage.ArticleId;
                if (!numbers.TryGetValue(id, out var n))
                {
                    n = numbers.Count + 1;
                    numbers[id] = n;
                    quotes[id] = [];
                    passages[id] = support.Passage;
                }
                if (!quotes[id].Contains(support.Text))
                {
                    quotes[id].Add(support.Text);
                }
                claimNumbers.Add(n);
            }
            return string.Concat(claimNumbers.Select(n => $"[{n}]"));
        }

        var text = new StringBuilder();
        var leadFigure = figure is null ? null : AnswerFigures.Answering(figure, claims[0].Lead.Text, question, names);
        var claimTexts = claims.Select(c => (Claim: c, Markers: Markers(c))).ToList();
        if (leadFigure is { Success: true })
        {
            var figureClaim = FigureClaim(claims[0], leadFigure.Value, figure!, sentences);
            text.Append("**").Append(MarkdownText.Escape(leadFigure.Value.Trim())).Append("** ").Append(Markers(figureClaim)).Append("\n\n");
        }
        text.AppendJoin(' ', claimTexts.Select(c => $"{MarkdownText.Escape(c.Claim.Lead.Text)} {c.Markers}"));

        var citations = numbers
            .OrderBy(n => n.Value)
            .Select(n => new Citation(n.Value, n.Key, passages[n.Key].Title, passages[n.Key].Source, passages[n.Key].Published, passages[n.Key].Url,
                string.Join(" … ", quotes[n.Key])))
            .ToList();
        return new Answer(question, true, text.ToString(), citations, Suggestions(question, retrieval));
    }

    /// <summary>
    /// The figure that leads an answer is cited by every article whose sentence gives the same figure about as much of
    /// the question as the lead sentence does, even where the rest of its sentence tells something else.
    /// </summary>
    private static Claim FigureClaim(Claim lead, string figureText, Regex figure, List<CandidateSentence> sentences)
    {
        var claim = new Claim(lead.Lead);
        claim.Support.AddRange(lead.Support.Skip(1));
        var value = AnswerFigures.Value(figureText);
        foreach (var sentence in sentences.OrderByDescending(s => s.Score))
        {
            if (sentence.Score >= SameFigureShare * lead.Lead.Score
                && claim.Support.TrueForAll(s => s.Passage.ArticleId != sentence.Passage.ArticleId)
                && figure.Matches(sentence.Text).Any(m => AnswerFigures.Value(m.Value) == value))
            {
                claim.Support.Add(sentence);
            }
        }
        return claim;
    }

    /// <summary>Follow-up questions about the people the best candidate passages quote.</summary>
    private static List<string> Suggestions(string question, RetrievalResult retrieval) =>
        retrieval.Passages.Concat(retrieval.Ranked.Take(SuggestionCandidates))
            .SelectMany(p => SpeakerName().Matches(p.Passage.Text).Select(m => m.Groups["name"].Value))
            .Where(name => !question.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(name => $"What did {name} say?")
            .ToList();

    [GeneratedRegex(@"^\W*(The|These|Those|Such)\s+(?<noun>(\p{L}+\s+){0,2}?\p{L}+)\s+(will|would|are|were|include|included|includes|cover|covers|covered|affect|affects|mean|means)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ElaborationStart();

    [GeneratedRegex(@"^\W*(He|She|It|They|This|These|Its|His|Her|Their)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingPronoun();

    /// <summary>A quote attributed to someone named only by a pronoun: "…," he said.</summary>
    [GeneratedRegex(@"[,""”’]\s*(he|she|they)\s+(said|says|added|told|warned|argued|noted)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PronounSpeaker();

    [GeneratedRegex(@"(?<name>\p{Lu}[\p{Ll}’'-]+(?:\s\p{Lu}[\p{Ll}’'-]+){1,2})\s(said|says|told|added|warned)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpeakerName();
}
