namespace TradeBot.Core.Stores.Embedded;

/// <summary>
/// The embedded store's keyword index in memory: for each analysed term, the passages that contain it and how often,
/// ranked with FTS5's <c>bm25()</c> formula (k1 1.2, b 0.75, IDF floored at 1e-6) so that it ranks as the FTS5 table
/// it is built from did. Scoring walks only the query terms' postings into one accumulator, so a query costs the sum
/// of its terms' document frequencies at a few nanoseconds each, where FTS5 spends microseconds. Documents are the
/// space-separated analysed terms of <see cref="PassageTerms.KeywordDocument"/>; a query term matches a document term
/// only when they are equal.
/// </summary>
internal sealed class KeywordIndex : IDisposable
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<Postings> _postings = [];
    private readonly Dictionary<long, int> _slotOfRow = [];
    private readonly Stack<ScoreBuffer> _buffers = new();
    private long[] _rowIds = [];
    private int[] _lengths = [];
    private int[][] _documentTerms = [];
    private int _slots;
    private long _totalLength;

    /// <summary>How many passages the index holds.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slotOfRow.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Indexes <paramref name="document"/> (analysed terms separated by spaces) as the passage's text, replacing what it had.</summary>
    public void Set(long rowId, string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in document.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
        }
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(rowId);
            var slot = NewSlot();
            var terms = new int[frequencies.Count];
            var length = 0;
            var i = 0;
            foreach (var (term, frequency) in frequencies)
            {
                if (!_termIds.TryGetValue(term, out var termId))
                {
                    termId = _postings.Count;
                    _termIds.Add(term, termId);
                    _postings.Add(new Postings(term));
                }
                _postings[termId].Add(slot, frequency);
                terms[i++] = termId;
                length += frequency;
            }
            _rowIds[slot] = rowId;
            _lengths[slot] = length;
            _documentTerms[slot] = terms;
            _slotOfRow[rowId] = slot;
            _totalLength += length;
            CompactIfWasteful();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long rowId)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = RemoveLocked(rowId);
            CompactIfWasteful();
            return removed;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The row ids of the <paramref name="top"/> passages with the best BM25 score for any of <paramref name="terms"/>,
    /// best first (ties by row id), among <paramref name="allowed"/> when given.
    /// </summary>
    public IReadOnlyList<long> Search(IEnumerable<string> terms, int top, IReadOnlySet<long>? allowed = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (top <= 0)
        {
            return [];
        }
        _lock.EnterReadLock();
        ScoreBuffer? buffer = null;
        try
        {
            var documents = _slotOfRow.Count;
            if (documents == 0)
            {
                return [];
            }
            buffer = RentBuffer();
            var scoring = new Scoring(buffer, _lengths, (double)_totalLength / documents);
            var query = QueryTerms(terms, documents);
            // Most passages a query touches match only its commonest words, which weigh least. Once no passage those
            // words alone could lift reaches the current top (MaxScore, Turtle and Flood 1995), they are added only
            // to the passages already scored: the ranking is the same, at a fraction of the postings read.
            var next = 0;
            double? threshold = null; // the k-th best score once the rest of the terms cannot reach it
            for (; next < query.Count; next++)
            {
                // The k-th best is looked for only when even the best so far is out of the rest's reach.
                var bound = UpperBound(query, next);
                if (allowed is null && scoring.Count >= top && bound < scoring.Highest)
                {
                    var kth = scoring.KthBest(top);
                    if (bound < kth)
                    {
                        threshold = kth;
                        break;
                    }
                }
                scoring.AddAll(query[next].Postings, query[next].Idf);
            }
            if (threshold is { } reached)
            {
                var candidates = scoring.Scored(minimum: reached - UpperBound(query, next));
                for (; next < query.Count; next++)
                {
                    scoring.AddTo(candidates, query[next].Postings, query[next].Idf);
                }
            }
            return Best(scoring, top, allowed);
        }
        finally
        {
            if (buffer is not null)
            {
                ReturnBuffer(buffer);
            }
            _lock.ExitReadLock();
        }
    }

    /// <summary>How many passages there are, and how many contain each term: the statistics FTS5's vocabulary table gave.</summary>
    public TermStatistics Statistics()
    {
        _lock.EnterReadLock();
        try
        {
            var frequencies = new Dictionary<string, int>(_postings.Count, StringComparer.Ordinal);
            foreach (var postings in _postings)
            {
                if (postings.Documents > 0)
                {
                    frequencies.Add(postings.Term, postings.Documents);
                }
            }
            return new TermStatistics(_slotOfRow.Count, frequencies);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Gives back the room postings lists grew into: after a full build, they are mostly read from.</summary>
    public void TrimExcess()
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var postings in _postings)
            {
                postings.TrimExcess();
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The query's terms the index knows, with their IDF, the rarest (highest IDF) first.</summary>
    private List<(Postings Postings, double Idf)> QueryTerms(IEnumerable<string> terms, int documents)
    {
        var query = new List<(Postings Postings, double Idf)>();
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            if (_termIds.TryGetValue(term, out var termId) && _postings[termId].Documents > 0)
            {
                var postings = _postings[termId];
                var idf = Math.Log((documents - postings.Documents + 0.5) / (postings.Documents + 0.5));
                query.Add((postings, idf <= 0 ? 1e-6 : idf)); // FTS5's floor: a word in most passages still counts a little
            }
        }
        query.Sort((a, b) => b.Idf.CompareTo(a.Idf));
        return query;
    }

    /// <summary>The most the terms from <paramref name="first"/> on can add to a passage's score: each at most IDF x (k1 + 1).</summary>
    private static double UpperBound(List<(Postings Postings, double Idf)> query, int first)
    {
        var bound = 0.0;
        for (var i = first; i < query.Count; i++)
        {
            bound += query[i].Idf * (K1 + 1);
        }
        return bound;
    }

    private List<long> Best(Scoring scoring, int top, IReadOnlySet<long>? allowed)
    {
        var scores = scoring.Scores;
        var touched = scoring.Touched;
        var touchedCount = scoring.Count;
        // The worst of the best so far on top of the heap: a lower score, or at the same score the larger row id.
        var best = new PriorityQueue<long, (double Score, long RowId)>(top + 1, Comparer<(double Score, long RowId)>.Create(
            (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.RowId.CompareTo(a.RowId)));
        for (var i = 0; i < touchedCount; i++)
        {
            var slot = touched[i];
            var score = scores[slot];
            scores[slot] = 0;
            var rowId = _rowIds[slot];
            if (allowed is not null && !allowed.Contains(rowId))
            {
                continue;
            }
            if (best.Count < top)
            {
                best.Enqueue(rowId, (score, rowId));
            }
            else if (best.TryPeek(out _, out var worst) && (score > worst.Score || (score == worst.Score && rowId < worst.RowId)))
            {
                best.EnqueueDequeue(rowId, (score, rowId));
            }
        }
        var ranked = new List<long>(best.Count);
        while (best.TryDequeue(out var rowId, out _))
        {
            ranked.Add(rowId);
        }
        ranked.Reverse();
        return ranked;
    }

    private bool RemoveLocked(long rowId)
    {
        if (!_slotOfRow.Remove(rowId, out var slot))
        {
            return false;
        }
        foreach (var termId in _documentTerms[slot])
        {
            _postings[termId].Documents--;
        }
        _totalLength -= _lengths[slot];
        _lengths[slot] = -1; // the one mark of a removed passage's slot, which the scoring loop reads anyway
        _documentTerms[slot] = [];
        return true;
    }

    private int NewSlot()
    {
        if (_slots == _rowIds.Length)
        {
            var capacity = Math.Max(1_024, _rowIds.Length * 2);
            Array.Resize(ref _rowIds, capacity);
            Array.Resize(ref _lengths, capacity);
            Array.Resize(ref _documentTerms, capacity);
            lock (_buffers)
            {
                _buffers.Clear(); // too small now
            }
        }
        return _slots++;
    }

    /// <summary>
    /// Once removed and replaced passages hold more than a fifth of the slots, drops their postings and numbers the
    /// remaining slots from zero again: a cost in proportion to the index, paid once for every so many changes.
    /// </summary>
    private void CompactIfWasteful()
    {
        if (_slots - _slotOfRow.Count <= Math.Max(1_024, _slotOfRow.Count / 4))
        {
            return;
        }
        var newSlot = new int[_slots];
        var next = 0;
        for (var slot = 0; slot < _slots; slot++)
        {
            if (_lengths[slot] < 0)
            {
                newSlot[slot] = -1;
                continue;
            }
            newSlot[slot] = next;
            _rowIds[next] = _rowIds[slot];
            _lengths[next] = _lengths[slot];
            _documentTerms[next] = _documentTerms[slot];
            _slotOfRow[_rowIds[next]] = next;
            next++;
        }
        Array.Fill(_documentTerms, [], next, _slots - next);
        _slots = next;
        foreach (var postings in _postings)
        {
            postings.Renumber(newSlot);
        }
    }

    private ScoreBuffer RentBuffer()
    {
        lock (_buffers)
        {
            if (_buffers.TryPop(out var buffer) && buffer.Scores.Length >= _slots)
            {
                return buffer;
            }
        }
        return new ScoreBuffer(_rowIds.Length);
    }

    private void ReturnBuffer(ScoreBuffer buffer)
    {
        lock (_buffers)
        {
            // Kept only while the index has not outgrown it, and only as many as searches ran at once.
            if (buffer.Scores.Length >= _rowIds.Length && _buffers.Count < Environment.ProcessorCount * 2)
            {
                _buffers.Push(buffer);
            }
        }
    }

    /// <summary>One search's BM25 accumulation over a <see cref="ScoreBuffer"/>: FTS5's formula, term by term.</summary>
    private sealed class Scoring(ScoreBuffer buffer, int[] lengths, double averageLength)
    {
        public double[] Scores => buffer.Scores;

        public int[] Touched => buffer.Touched;

        /// <summary>How many passages have a score so far.</summary>
        public int Count { get; private set; }

        /// <summary>The best score so far, after <see cref="AddAll"/> (what <see cref="AddTo"/> adds is not counted).</summary>
        public double Highest { get; private set; }

        /// <summary>Adds the term's weight to every passage that contains it.</summary>
        public void AddAll(Postings postings, double idf)
        {
            var scores = buffer.Scores;
            var touched = buffer.Touched;
            var slots = postings.Slots;
            var counts = postings.Counts;
            for (var p = 0; p < postings.Length; p++)
            {
                var slot = slots[p];
                var length = lengths[slot];
                if (length < 0)
                {
                    continue; // a removed passage, until the next compaction
                }
                if (scores[slot] == 0)
                {
                    touched[Count++] = slot;
                }
                var score = scores[slot] += Weight(idf, counts[p], length);
                if (score > Highest)
                {
                    Highest = score;
                }
            }
        }

        /// <summary>Adds the term's weight to those of <paramref name="candidates"/> (slots in ascending order) that contain it.</summary>
        public void AddTo(List<int> candidates, Postings postings, double idf)
        {
            var scores = buffer.Scores;
            var slots = postings.Slots;
            if (candidates.Count * Math.Log2(postings.Length + 1) < postings.Length)
            {
                // Few candidates: look each up (postings are in slot order), each search starting where the last ended.
                var from = 0;
                foreach (var slot in candidates)
                {
                    var found = Array.BinarySearch(slots, from, postings.Length - from, slot);
                    if (found >= 0)
                    {
                        scores[slot] += Weight(idf, postings.Counts[found], lengths[slot]);
                        from = found + 1;
                    }
                    else
                    {
                        from = ~found;
                    }
                }
                return;
            }
            for (var p = 0; p < postings.Length; p++)
            {
                var slot = slots[p];
                if (scores[slot] != 0 && lengths[slot] >= 0)
                {
                    scores[slot] += Weight(idf, postings.Counts[p], lengths[slot]);
                }
            }
        }

        /// <summary>The <paramref name="k"/>-th best score so far (0 when fewer have one).</summary>
        public double KthBest(int k)
        {
            var best = new PriorityQueue<double, double>(k + 1);
            for (var i = 0; i < Count; i++)
            {
                var score = buffer.Scores[buffer.Touched[i]];
                if (best.Count < k)
                {
                    best.Enqueue(score, score);
                }
                else if (score > best.Peek())
                {
                    best.EnqueueDequeue(score, score);
                }
            }
            return best.Count < k ? 0 : best.Peek();
        }

        /// <summary>The scored slots whose score is at least <paramref name="minimum"/>, in ascending order.</summary>
        public List<int> Scored(double minimum)
        {
            var slots = new List<int>();
            for (var i = 0; i < Count; i++)
            {
                if (buffer.Scores[buffer.Touched[i]] >= minimum)
                {
                    slots.Add(buffer.Touched[i]);
                }
            }
            slots.Sort();
            return slots;
        }

        private double Weight(double idf, double frequency, int length) =>
            idf * (frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * length / averageLength)))));
    }

    /// <summary>One search's score accumulator, all zeros between searches, and the slots it touched.</summary>
    private sealed class ScoreBuffer(int capacity)
    {
        public double[] Scores { get; } = new double[capacity];

        public int[] Touched { get; } = new int[capacity];
    }

    /// <summary>One term's postings: the slots of the passages that contain it, in the order they were indexed, with the term's count in each.</summary>
    private sealed class Postings(string term)
    {
        public string Term { get; } = term;

        public int[] Slots { get; private set; } = new int[2];

        public ushort[] Counts { get; private set; } = new ushort[2];

        public int Length { get; private set; }

        /// <summary>How many live passages contain the term (postings of removed passages stay until compaction).</summary>
        public int Documents { get; set; }

        public void Add(int slot, int count)
        {
            if (Length == Slots.Length)
            {
                Slots = ResizedTo(Slots, Length * 2);
                Counts = ResizedTo(Counts, Length * 2);
            }
            Slots[Length] = slot;
            Counts[Length] = (ushort)Math.Min(count, ushort.MaxValue);
            Length++;
            Documents++;
        }

        public void TrimExcess()
        {
            Slots = ResizedTo(Slots, Math.Max(1, Length));
            Counts = ResizedTo(Counts, Math.Max(1, Length));
        }

        public void Renumber(int[] newSlot)
        {
            var kept = 0;
            for (var p = 0; p < Length; p++)
            {
                if (newSlot[Slots[p]] is var slot and >= 0)
                {
                    Slots[kept] = slot;
                    Counts[kept] = Counts[p];
                    kept++;
                }
            }
            Length = kept;
        }

        private static T[] ResizedTo<T>(T[] array, int length)
        {
            Array.Resize(ref array, length);
            return array;
        }
    }
}
