using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TradeBot.Core.Tests.Answers.Llm;

/// <summary>Records the measurements of the meters one <see cref="IMeterFactory"/> created (so parallel tests do not mix).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            Measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> Measurements { get; } = new();

    public long Sum(string instrument, string? reason = null) =>
        Measurements.Where(m => m.Instrument == instrument && (reason is null || m.Tags.GetValueOrDefault("reason") == reason)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
