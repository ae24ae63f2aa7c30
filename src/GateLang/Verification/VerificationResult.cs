using GateLang.Simulation;

namespace GateLang.Verification;

/// <summary>What <see cref="NetworkVerifier"/> checks and with which inputs.</summary>
public sealed record VerificationOptions
{
    /// <summary>The largest number of sequences K^S that is enumerated completely; above it, <see cref="Samples"/> are drawn.</summary>
    public long Limit { get; init; } = 1_000_000;

    /// <summary>Number of random sequences checked when K^S is above <see cref="Limit"/>.</summary>
    public int Samples { get; init; } = 10_000;

    /// <summary>Seed of the sequence sampler (<see cref="Tasks.TrialRandom"/>), used only when sampling.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Shortest delay checked; null means the task's.</summary>
    public int? DelayMin { get; init; }

    /// <summary>Longest delay checked; null means the task's.</summary>
    public int? DelayMax { get; init; }

    /// <summary>Worker threads; 0 uses one per processor.</summary>
    public int Threads { get; init; }
}

/// <summary>One step of one trial: the symbol sequence, the delay and the 0-based step.</summary>
public sealed record TrialStep(int[] Symbols, int Delay, int Step);

/// <summary>A wrong step: where it is, the class expected, the class output and the target's margin.</summary>
public sealed record Counterexample(TrialStep At, int Expected, int Output, double Margin);

/// <summary>
/// The outcome of running every checked sequence at every delay of the range in one precision.
/// </summary>
/// <param name="Exhaustive">True when all K^S sequences were checked, false when they were sampled.</param>
/// <param name="Sequences">Sequences checked (samples may repeat a sequence).</param>
/// <param name="Trials">Sequences times delays.</param>
/// <param name="Steps">Scored steps, the sum of 2S + T over all trials.</param>
/// <param name="FailedTrials">Trials with at least one wrong step.</param>
/// <param name="MinMargin">Minimum over all steps of the target logit minus the largest other logit.</param>
/// <param name="MinMarginAt">The step reaching <see cref="MinMargin"/>; ties go to the order of <see cref="Counterexample"/>.</param>
/// <param name="Counterexample">
/// The first wrong step of the smallest failing trial, ordered by delay, then sequence
/// (lexicographically), then step; null when every trial is exact.
/// </param>
/// <param name="ComputeTime">Wall-clock time of the simulation and scoring, without loading or compiling.</param>
public sealed record VerificationResult(
    Precision Precision,
    bool Exhaustive,
    long Sequences,
    int DelayMin,
    int DelayMax,
    long Trials,
    long Steps,
    long FailedTrials,
    double MinMargin,
    TrialStep? MinMarginAt,
    Counterexample? Counterexample,
    TimeSpan ComputeTime)
{
    public bool AllExact => FailedTrials == 0;
}
