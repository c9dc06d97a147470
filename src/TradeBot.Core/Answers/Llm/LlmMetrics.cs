using System.Diagnostics.Metrics;

namespace TradeBot.Core.Answers.Llm;

/// <summary>Counters of the language-model answerer (meter <c>TradeBot.Answers</c>).</summary>
public sealed class LlmMetrics
{
    public const string MeterName = "TradeBot.Answers";
    public const string FallbacksName = "tradebot.llm.fallbacks";
    public const string AnswersName = "tradebot.llm.answers";
    public const string RemovedMarkersName = "tradebot.llm.removed_markers";

    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _removedMarkers;

    public LlmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _fallbacks = meter.CreateCounter<long>(FallbacksName, description: "Answers where the extractive answer stood in for the model, by reason");
        _answers = meter.CreateCounter<long>(AnswersName, description: "Answers written by the model with valid citations");
        _removedMarkers = meter.CreateCounter<long>(RemovedMarkersName, description: "Citation markers removed because they pointed at no source given");
    }

    public void Fallback(ModelFailure reason) => _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void Answered() => _answers.Add(1);

    public void MarkersRemoved(int count)
    {
        if (count > 0)
        {
            _removedMarkers.Add(count);
        }
    }
}
