using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace TradeBot.Bench.Scale;

/// <summary>
/// Lucene.Net BM25 (k1 1.2, b 0.75, as FTS5's bm25()) over the same analysed terms the store's FTS5 index holds,
/// split on whitespace, and queried with the same terms: a standard engine's time and ranking beside ours.
/// </summary>
internal sealed class LuceneBaseline : IDisposable
{
    private const string TermsField = "terms";
    private const string RowField = "rowid";
    private static readonly BM25Similarity s_similarity = new(1.2f, 0.75f);

    private readonly FSDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private LuceneBaseline(FSDirectory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = s_similarity };
    }

    public static LuceneBaseline Build(string folder, IEnumerable<(long RowId, string Terms)> passages)
    {
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        var directory = FSDirectory.Open(folder);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            Similarity = s_similarity,
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 128,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var (rowId, terms) in passages)
            {
                writer.AddDocument(new Document { new StoredField(RowField, rowId), new TextField(TermsField, terms, Field.Store.NO) });
            }
            writer.ForceMerge(1);
            writer.Commit();
        }
        return new LuceneBaseline(directory);
    }

    public IReadOnlyList<long> Search(IEnumerable<string> terms, int top)
    {
        var query = new BooleanQuery();
        foreach (var term in terms.Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(TermsField, term)), Occur.SHOULD);
        }
        var hits = _searcher.Search(query, top);
        return [.. hits.ScoreDocs.Select(d => _searcher.Doc(d.Doc).GetField(RowField).GetInt64Value()!.Value)];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
