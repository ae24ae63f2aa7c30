using System.Diagnostics;

namespace GateLang.Benchmarks;

/// <summary>Wall-clock times of one contender over the measured repeats.</summary>
internal sealed class Timings
{
    private readonly List<double> _milliseconds = [];

    public double Best => _milliseconds.Min();

    public double Median
    {
        get
        {
            var sorted = _milliseconds.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /// <summary>Runs <paramref name="action"/> once after a full garbage collection and records its time.</summary>
    public void Measure(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var stopwatch = Stopwatch.StartNew();
        action();
        stopwatch.Stop();
        _milliseconds.Add(stopwatch.Elapsed.TotalMilliseconds);
    }
}
