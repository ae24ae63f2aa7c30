using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>
/// Everything recorded at every step of one trial, in float32 to keep many trials in memory for
/// plots: the hidden state h_t, the update gate z_t, the reset gate r_t and the logits y_t.
/// </summary>
/// <remarks>
/// Arrays are row-major by step: neuron i at step t is at <c>t * HiddenSize + i</c>, class c at
/// <c>t * OutputSize + c</c>. Step t is 0-based and h_t is the state after input t.
/// </remarks>
public sealed class TrialTrajectory
{
    internal TrialTrajectory(int trialIndex, Trial trial, int hiddenSize, int outputSize)
    {
        TrialIndex = trialIndex;
        Trial = trial;
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
        Steps = VdcmLayout.TrialLength(trial);
        State = new float[Steps * hiddenSize];
        UpdateGate = new float[Steps * hiddenSize];
        ResetGate = new float[Steps * hiddenSize];
        Logits = new float[Steps * outputSize];
    }

    /// <summary>The trial's index in the recorded set.</summary>
    public int TrialIndex { get; }

    public Trial Trial { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    /// <summary>Number of steps, 2S + T.</summary>
    public int Steps { get; }

    public float[] State { get; }

    public float[] UpdateGate { get; }

    public float[] ResetGate { get; }

    public float[] Logits { get; }

    /// <summary>h_t[i] for every step t of the trial.</summary>
    public double[] NeuronSeries(int neuron)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(neuron);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(neuron, HiddenSize);
        var series = new double[Steps];
        for (var t = 0; t < Steps; t++)
        {
            series[t] = State[(t * HiddenSize) + neuron];
        }

        return series;
    }
}
