namespace TradeBot.Core.Ingestion;

/// <summary>The state of one ingestion run: its report, story links and progress.</summary>
internal sealed class IngestRun(IngestReport report, StoryLinker stories, IProgress<IngestProgress>? progress)
{
    private string _currentFile = string.Empty;

    public IngestReport Report { get; } = report;
    public StoryLinker Stories { get; } = stories;
    public long BytesTotal { get; set; }
    public long BytesDone { get; private set; }
    public int ArticlesSeen { get; set; }

    public void FileDone(long bytes, string file)
    {
        BytesDone += bytes;
        _currentFile = file;
        progress?.Report(new IngestProgress(BytesDone, BytesTotal, ArticlesSeen, _currentFile));
    }

    public void BatchWritten() => progress?.Report(new IngestProgress(BytesDone, BytesTotal, ArticlesSeen, _currentFile));
}
