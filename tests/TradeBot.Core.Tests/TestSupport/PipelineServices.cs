using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using TradeBot.Core.Answers;
using TradeBot.Core.Ingestion;
using TradeBot.Core.Retrieval;
using TradeBot.Core.LocalData;
using TradeBot.Core.Stores;
using TradeBot.Core.Stores.Embedded;

namespace TradeBot.Core.Tests.TestSupport;

/// <summary>The services of the corpus pipeline that must each have exactly one registration, whatever the settings.</summary>
internal static class PipelineServices
{
    public static readonly Type[] Key =
    [
        typeof(VectorStoreCollection<Guid, PassageRecord>),
        typeof(IKeywordHybridSearchable<PassageRecord>),
        typeof(ITermStatisticsSource),
        typeof(LocalDatabase),
        typeof(IEmbeddingGenerator<string, Embedding<float>>),
        typeof(IQuestionAnswerer),
        typeof(IStreamingQuestionAnswerer),
        typeof(ExtractiveAnswerer),
        typeof(CorpusSynchronizer),
        typeof(PassageRetriever),
        typeof(ICorpusOverview),
        typeof(TimeProvider),
    ];
}
