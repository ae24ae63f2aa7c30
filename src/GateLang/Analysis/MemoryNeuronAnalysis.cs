namespace GateLang.Analysis;

/// <summary>Settings of <see cref="MemoryNeuronAnalysis"/>.</summary>
/// <param name="MinStd">
/// Minimum standard deviation of h_S across trials. The default 1e-6 is below the smallest value the
/// shipped S = 10 synthetic network stores (3^−10 ≈ 1.7e-5); a geometric memory with ratio r and
/// length S needs a threshold below r^−S.
/// </param>
/// <param name="MinUpdateGate">Minimum mean update gate over the blank steps of the delay; 0.9 by default.</param>
public sealed record MemoryNeuronOptions(double MinStd = 1e-6, double MinUpdateGate = 0.9);

/// <summary>The memory statistics of one neuron.</summary>
/// <param name="StdAtDelayStart">Sample standard deviation of h_S across trials.</param>
/// <param name="MeanUpdateGate">Mean z over the blank steps of the delay of every trial; null when every delay is 1, so there is no blank step.</param>
public sealed record NeuronMemoryStats(int Neuron, double StdAtDelayStart, double? MeanUpdateGate, bool IsMemory);

/// <param name="Neurons">One entry per hidden neuron, in index order.</param>
/// <param name="MemoryNeurons">Indices of the neurons classified as memory.</param>
public sealed record MemoryNeuronResult(MemoryNeuronOptions Options, IReadOnlyList<NeuronMemoryStats> Neurons, IReadOnlyList<int> MemoryNeurons);

/// <summary>
/// Finds the neurons that hold memory through the delay: their state at the delay start (t = S)
/// varies across trials, and their update gate stays near 1 through the delay, so that
/// h_t ≈ h_{t−1} keeps that value.
/// </summary>
public static class MemoryNeuronAnalysis
{
    public static MemoryNeuronResult Analyze(Recording recording, MemoryNeuronOptions? options = null)
    {
        options ??= new MemoryNeuronOptions();
        if (options.MinStd < 0 || !(options.MinUpdateGate is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "The standard deviation threshold must be at least 0 and the update-gate threshold in [0, 1].");
        }

        var std = StandardDeviations(recording.DelayStartStates, recording.HiddenSize);
        var neurons = new NeuronMemoryStats[recording.HiddenSize];
        for (var i = 0; i < neurons.Length; i++)
        {
            double? gate = recording.DelaySteps == 0 ? null : recording.DelayUpdateGateMean[i];
            var isMemory = std[i] > options.MinStd && gate > options.MinUpdateGate;
            neurons[i] = new NeuronMemoryStats(i, std[i], gate, isMemory);
        }

        return new MemoryNeuronResult(options, neurons, neurons.Where(n => n.IsMemory).Select(n => n.Neuron).ToArray());
    }

    /// <summary>Sample standard deviation of each column, computed in two passes.</summary>
    internal static double[] StandardDeviations(IReadOnlyList<double[]> rows, int columns)
    {
        var mean = new double[columns];
        foreach (var row in rows)
        {
            for (var i = 0; i < columns; i++)
            {
                mean[i] += row[i];
            }
        }

        for (var i = 0; i < columns; i++)
        {
            mean[i] /= rows.Count;
        }

        var sum = new double[columns];
        foreach (var row in rows)
        {
            for (var i = 0; i < columns; i++)
            {
                var delta = row[i] - mean[i];
                sum[i] += delta * delta;
            }
        }

        return sum.Select(v => rows.Count > 1 ? Math.Sqrt(v / (rows.Count - 1)) : 0).ToArray();
    }
}
