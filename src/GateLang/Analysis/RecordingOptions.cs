using GateLang.Simulation;

namespace GateLang.Analysis;

/// <summary>Settings of <see cref="NetworkRecorder"/>.</summary>
public sealed record RecordingOptions
{
    /// <summary>The floating-point type the network is simulated in; float64 by default.</summary>
    public Precision Precision { get; init; } = Precision.Float64;

    /// <summary>
    /// How many trials, the first ones of the set, keep their full trajectories of h, z, r and the
    /// logits for plots; 100 by default. The other trials only feed the accumulators.
    /// </summary>
    public int KeptTrajectories { get; init; } = 100;

    /// <summary>
    /// A gate counts as open at a step when its value is above this; 0.5 by default. Used for the
    /// gate occupancy (fraction of steps with z &gt; θ and r &gt; θ).
    /// </summary>
    public double GateOpenThreshold { get; init; } = 0.5;

    /// <summary>Threads used for recording; null means one per processor. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        if (KeptTrajectories < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(KeptTrajectories), KeptTrajectories, "The number of kept trajectories must not be negative.");
        }

        if (!(GateOpenThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(GateOpenThreshold), GateOpenThreshold, "The gate threshold must be in [0, 1].");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "The degree of parallelism must be at least 1.");
        }
    }
}
