using GateLang.Ir;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>
/// What <see cref="NetworkRecorder"/> kept of a network's run on a trial set: per-trial results,
/// the state at the delay start of every trial, means over trials on the aligned time axis, and
/// full trajectories of the first few trials.
/// </summary>
/// <remarks>
/// Memory grows with the trial count only through the per-trial parts: the decoding outputs
/// (S integers), two error counters and the delay-start state (d values) of each trial.
/// Everything else is either a sum over trials or limited to <see cref="Trajectories"/>.
/// </remarks>
public sealed class Recording
{
    internal Recording(
        TaskDefinition task,
        int hiddenSize,
        int outputSize,
        RecordingOptions options,
        IReadOnlyList<Trial> trials,
        int[][] decodingOutputs,
        int[] wrongSteps,
        int[] firstWrongStep,
        double[][] delayStartStates,
        RecordingAccumulator sums,
        IReadOnlyList<TrialTrajectory> trajectories)
    {
        Task = task;
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
        Options = options;
        Trials = trials;
        DecodingOutputs = decodingOutputs;
        WrongSteps = wrongSteps;
        FirstWrongStep = firstWrongStep;
        DelayStartStates = delayStartStates;
        Trajectories = trajectories;

        var positions = AlignedTimeline.PositionCount(task.Length);
        AlignedMeanState = new double[positions][];
        AlignedStdState = new double[positions][];
        AlignedMeanUpdateGate = new double[positions][];
        AlignedMeanResetGate = new double[positions][];
        AlignedAccuracy = new double[positions];
        for (var p = 0; p < positions; p++)
        {
            var n = sums.AlignedCount[p];
            AlignedMeanState[p] = sums.AlignedMean[p].ToArray();
            AlignedStdState[p] = sums.AlignedM2[p].Select(m2 => n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0).ToArray();
            AlignedMeanUpdateGate[p] = sums.AlignedUpdateGateSum[p].Select(s => s / n).ToArray();
            AlignedMeanResetGate[p] = sums.AlignedResetGateSum[p].Select(s => s / n).ToArray();
            AlignedAccuracy[p] = (double)sums.AlignedCorrect[p] / n;
        }

        ResetMetric = sums.ResetMetricSum.Select(row => row.Select(s => s / trials.Count).ToArray()).ToArray();
        DelayUpdateGateMean = sums.DelayUpdateGateSum.Select(s => sums.DelaySteps == 0 ? double.NaN : s / sums.DelaySteps).ToArray();
        DelaySteps = sums.DelaySteps;

        var phases = Enum.GetValues<TrialPhase>();
        PhaseSteps = phases.ToDictionary(p => p, p => sums.PhaseSteps[(int)p]);
        PhaseCorrectSteps = phases.ToDictionary(p => p, p => sums.PhaseCorrect[(int)p]);
        UpdateGateOpenSteps = phases.ToDictionary(p => p, p => (IReadOnlyList<long>)sums.UpdateGateOpen[(int)p]);
        ResetGateOpenSteps = phases.ToDictionary(p => p, p => (IReadOnlyList<long>)sums.ResetGateOpen[(int)p]);
    }

    public TaskDefinition Task { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    public RecordingOptions Options { get; }

    /// <summary>Every trial, in the order given.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>The arg-max class at each decoding step k of each trial: [trial][k].</summary>
    public int[][] DecodingOutputs { get; }

    /// <summary>Number of wrong steps in each trial, over all phases.</summary>
    public int[] WrongSteps { get; }

    /// <summary>The first wrong step of each trial, or −1 when every step is right.</summary>
    public int[] FirstWrongStep { get; }

    /// <summary>h_S of each trial, the state after the first delay step (t = S): [trial][neuron].</summary>
    public double[][] DelayStartStates { get; }

    /// <summary>Mean of h over trials at each aligned position (see <see cref="AlignedTimeline"/>): [position][neuron].</summary>
    public double[][] AlignedMeanState { get; }

    /// <summary>Sample standard deviation of h over trials at each aligned position: [position][neuron].</summary>
    public double[][] AlignedStdState { get; }

    /// <summary>Mean of z over trials at each aligned position: [position][neuron].</summary>
    public double[][] AlignedMeanUpdateGate { get; }

    /// <summary>Mean of r over trials at each aligned position: [position][neuron].</summary>
    public double[][] AlignedMeanResetGate { get; }

    /// <summary>Fraction of trials whose output is the target at each aligned position.</summary>
    public double[] AlignedAccuracy { get; }

    /// <summary>κ = mean over trials of (1 − z)(1 − r) at decoding step k: [k][neuron].</summary>
    public double[][] ResetMetric { get; }

    /// <summary>Mean of z over the blank steps of the delay (S ≤ t &lt; S + T − 1) of every trial, per neuron; NaN when every delay is 1.</summary>
    public double[] DelayUpdateGateMean { get; }

    /// <summary>Number of (trial, step) pairs behind <see cref="DelayUpdateGateMean"/>.</summary>
    public long DelaySteps { get; }

    /// <summary>Number of steps of each phase over all trials.</summary>
    public IReadOnlyDictionary<TrialPhase, long> PhaseSteps { get; }

    /// <summary>Number of steps of each phase whose output is the target.</summary>
    public IReadOnlyDictionary<TrialPhase, long> PhaseCorrectSteps { get; }

    /// <summary>Per phase and neuron, the number of steps with z above <see cref="RecordingOptions.GateOpenThreshold"/>.</summary>
    public IReadOnlyDictionary<TrialPhase, IReadOnlyList<long>> UpdateGateOpenSteps { get; }

    /// <summary>Per phase and neuron, the number of steps with r above <see cref="RecordingOptions.GateOpenThreshold"/>.</summary>
    public IReadOnlyDictionary<TrialPhase, IReadOnlyList<long>> ResetGateOpenSteps { get; }

    /// <summary>Full trajectories of the first <see cref="RecordingOptions.KeptTrajectories"/> trials.</summary>
    public IReadOnlyList<TrialTrajectory> Trajectories { get; }

    public Precision Precision => Options.Precision;

    /// <summary>Describes in a few sentences what this recording kept, for reports.</summary>
    public string DescribeContents() =>
        $"{Trials.Count} trials simulated in {(Precision == Precision.Float32 ? "float32" : "float64")}. " +
        $"Kept for every trial: the decoding outputs, the error count and h at t = S (the delay start). " +
        $"Kept as means over trials: h (with its standard deviation), z and r at the {AlignedTimeline.PositionCount(Task.Length)} aligned positions, " +
        $"κ at each decoding step, z over the delay, and gate occupancy per phase. " +
        $"Kept in full (h, z, r, logits at every step, float32): the first {Trajectories.Count} trials.";
}
