namespace BackOnTrack.Core.Benchmarks;

/// <summary>One benchmark row as the API and the run summary show it: where and when it is from, and its measures.</summary>
public sealed record BenchmarkFigure(string Period, string Level, string Name, string Phase, IReadOnlyDictionary<string, double> Measures)
{
    public double? Measure(string name) => Measures.TryGetValue(name, out var value) ? value : null;
}
