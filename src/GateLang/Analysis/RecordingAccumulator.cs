namespace GateLang.Analysis;

/// <summary>
/// The sums a recording streams into, for one chunk of trials. Chunks are merged in trial order,
/// so the totals do not depend on how many threads recorded them.
/// </summary>
/// <remarks>
/// The aligned state statistics use Welford's running mean and sum of squared deviations, merged
/// with Chan et al.'s pairwise formula, so a neuron that barely varies across trials does not lose
/// its variance to cancellation.
/// </remarks>
internal sealed class RecordingAccumulator
{
    public RecordingAccumulator(int length, int hiddenSize)
    {
        var positions = AlignedTimeline.PositionCount(length);
        AlignedCount = new long[positions];
        AlignedCorrect = new long[positions];
        AlignedMean = Jagged(positions, hiddenSize);
        AlignedM2 = Jagged(positions, hiddenSize);
        AlignedUpdateGateSum = Jagged(positions, hiddenSize);
        AlignedResetGateSum = Jagged(positions, hiddenSize);
        ResetMetricSum = Jagged(length, hiddenSize);
        DelayUpdateGateSum = new double[hiddenSize];

        var phases = Enum.GetValues<TrialPhase>().Length;
        PhaseSteps = new long[phases];
        PhaseCorrect = new long[phases];
        UpdateGateOpen = new long[phases][];
        ResetGateOpen = new long[phases][];
        for (var p = 0; p < phases; p++)
        {
            UpdateGateOpen[p] = new long[hiddenSize];
            ResetGateOpen[p] = new long[hiddenSize];
        }
    }

    public long[] AlignedCount { get; }

    public long[] AlignedCorrect { get; }

    public double[][] AlignedMean { get; }

    public double[][] AlignedM2 { get; }

    public double[][] AlignedUpdateGateSum { get; }

    public double[][] AlignedResetGateSum { get; }

    public double[][] ResetMetricSum { get; }

    public double[] DelayUpdateGateSum { get; }

    public long DelaySteps { get; set; }

    public long[] PhaseSteps { get; }

    public long[] PhaseCorrect { get; }

    public long[][] UpdateGateOpen { get; }

    public long[][] ResetGateOpen { get; }

    /// <summary>Adds one trial's values at an aligned position.</summary>
    public void AddAligned(int position, ReadOnlySpan<double> state, ReadOnlySpan<double> updateGate, ReadOnlySpan<double> resetGate, bool correct)
    {
        var n = ++AlignedCount[position];
        var mean = AlignedMean[position];
        var m2 = AlignedM2[position];
        var z = AlignedUpdateGateSum[position];
        var r = AlignedResetGateSum[position];
        for (var i = 0; i < state.Length; i++)
        {
            var delta = state[i] - mean[i];
            mean[i] += delta / n;
            m2[i] += delta * (state[i] - mean[i]);
            z[i] += updateGate[i];
            r[i] += resetGate[i];
        }

        if (correct)
        {
            AlignedCorrect[position]++;
        }
    }

    /// <summary>Adds the sums of <paramref name="other"/>, a later chunk of trials, to these.</summary>
    public void Merge(RecordingAccumulator other)
    {
        for (var p = 0; p < AlignedCount.Length; p++)
        {
            var na = AlignedCount[p];
            var nb = other.AlignedCount[p];
            var n = na + nb;
            if (nb > 0)
            {
                for (var i = 0; i < AlignedMean[p].Length; i++)
                {
                    var delta = other.AlignedMean[p][i] - AlignedMean[p][i];
                    AlignedMean[p][i] += delta * nb / n;
                    AlignedM2[p][i] += other.AlignedM2[p][i] + (delta * delta * na * nb / n);
                }
            }

            AlignedCount[p] = n;
            AlignedCorrect[p] += other.AlignedCorrect[p];
            Add(AlignedUpdateGateSum[p], other.AlignedUpdateGateSum[p]);
            Add(AlignedResetGateSum[p], other.AlignedResetGateSum[p]);
        }

        for (var k = 0; k < ResetMetricSum.Length; k++)
        {
            Add(ResetMetricSum[k], other.ResetMetricSum[k]);
        }

        Add(DelayUpdateGateSum, other.DelayUpdateGateSum);
        DelaySteps += other.DelaySteps;
        for (var phase = 0; phase < PhaseSteps.Length; phase++)
        {
            PhaseSteps[phase] += other.PhaseSteps[phase];
            PhaseCorrect[phase] += other.PhaseCorrect[phase];
            for (var i = 0; i < UpdateGateOpen[phase].Length; i++)
            {
                UpdateGateOpen[phase][i] += other.UpdateGateOpen[phase][i];
                ResetGateOpen[phase][i] += other.ResetGateOpen[phase][i];
            }
        }
    }

    private static void Add(double[] target, double[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }

    private static double[][] Jagged(int rows, int columns)
    {
        var result = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            result[r] = new double[columns];
        }

        return result;
    }
}
