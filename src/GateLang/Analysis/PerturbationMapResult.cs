using GateLang.Simulation;

namespace GateLang.Analysis;

/// <summary>
/// Settings of <see cref="PerturbationMap"/>. The published values quoted below are those of
/// Algorithm 1 in "Gating Mechanisms Underlying Sequence-to-Sequence Working Memory".
/// </summary>
public sealed record PerturbationOptions
{
    /// <summary>N: sequence pairs per (q, p) used to find the neurons and their expected values; 100 by default, 1000 published.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>M: test trials per (q, p) and neuron count; 100 by default, 1000 published.</summary>
    public int TestTrials { get; init; } = 100;

    /// <summary>A neuron is recorded when |h_S^ν − h_S^γ| exceeds this; 1e-3 by default, as published.</summary>
    public double DifferenceThreshold { get; init; } = 1e-3;

    /// <summary>The first neuron count tried; 1 by default, 4 published.</summary>
    public int StartNeurons { get; init; } = 1;

    /// <summary>n_max, the largest neuron count tried; 15 by default, as published.</summary>
    public int MaxNeurons { get; init; } = 15;

    /// <summary>The base seed of the pairs' generators.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The delay range of the drawn trials; the task's when null.</summary>
    public int? DelayMin { get; init; }

    /// <summary>The delay range of the drawn trials; the task's when null.</summary>
    public int? DelayMax { get; init; }

    public Precision Precision { get; init; } = Precision.Float64;

    /// <summary>Threads used; null means one per processor. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    internal void Validate()
    {
        if (Iterations < 1 || TestTrials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Iterations), $"N and M must be at least 1, got N = {Iterations}, M = {TestTrials}.");
        }

        if (DifferenceThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DifferenceThreshold), DifferenceThreshold, "The difference threshold must not be negative.");
        }

        if (StartNeurons < 1 || MaxNeurons < StartNeurons)
        {
            throw new ArgumentOutOfRangeException(nameof(StartNeurons), $"Neuron counts {StartNeurons}..{MaxNeurons} are invalid; the first must be at least 1 and not above the maximum.");
        }

        if (DelayMin is < 1 || (DelayMin is { } min && DelayMax is { } max && max < min))
        {
            throw new ArgumentOutOfRangeException(nameof(DelayMin), $"Delay range {DelayMin}..{DelayMax} is invalid.");
        }

        if (MaxDegreeOfParallelism is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "The degree of parallelism must be at least 1.");
        }
    }
}

/// <summary>How the search for a pair's neuron count ended.</summary>
public enum PerturbationOutcome
{
    /// <summary>Some neuron count made every test trial succeed; the smallest such count is kept.</summary>
    AllSucceeded,

    /// <summary>No count up to n_max made every trial succeed; the count with the most successes is kept.</summary>
    BestOfAttempts,

    /// <summary>No neuron differed by more than the threshold in any of the N sequence pairs.</summary>
    NoNeuronRecorded,
}

/// <summary>A neuron recorded for a (q, p) pair.</summary>
/// <param name="Count">In how many of the N sequence pairs it differed by more than the threshold.</param>
/// <param name="Frequency">Count / N.</param>
/// <param name="ExpectedValue">E[h_S[k]] over the N sequences with p at q.</param>
/// <param name="MeanDifference">Mean of |h_S^ν[k] − h_S^γ[k]| over the N sequence pairs, the tie-breaker of the ranking.</param>
public sealed record RecordedNeuron(int Neuron, int Count, double Frequency, double ExpectedValue, double MeanDifference);

/// <summary>The test result for one neuron count.</summary>
public sealed record PerturbationAttempt(int Neurons, int Successes);

/// <summary>The map's result for encoding step <paramref name="Step"/> q and symbol <paramref name="Symbol"/> p, both 0-based.</summary>
/// <param name="Recorded">Every recorded neuron, most often recorded first, ties by larger mean difference, then by index.</param>
/// <param name="NeuronsUsed">n, the neuron count kept; 0 when no neuron was recorded.</param>
/// <param name="UsedNeurons">The n neurons written, the first n of <paramref name="Recorded"/>.</param>
/// <param name="SuccessRate">Fraction of the M test trials that succeeded with n neurons.</param>
/// <param name="Attempts">Successes for each neuron count tried, in order.</param>
public sealed record PerturbationEntry(
    int Step,
    int Symbol,
    IReadOnlyList<RecordedNeuron> Recorded,
    int NeuronsUsed,
    IReadOnlyList<int> UsedNeurons,
    double SuccessRate,
    IReadOnlyList<PerturbationAttempt> Attempts,
    PerturbationOutcome Outcome)
{
    /// <summary>The expected value written into <paramref name="neuron"/>, or null when it is not used for this pair.</summary>
    public double? ExpectedValueOf(int neuron)
    {
        var index = UsedNeurons.ToList().IndexOf(neuron);
        return index < 0 ? null : Recorded[index].ExpectedValue;
    }
}

/// <param name="Entries">One entry per (q, p), q-major: entry q·K + p.</param>
public sealed record PerturbationMapResult(PerturbationOptions Options, int Length, int Symbols, IReadOnlyList<PerturbationEntry> Entries)
{
    public PerturbationEntry Entry(int step, int symbol) => Entries[(step * Symbols) + symbol];

    /// <summary>Every neuron used for some pair, in index order.</summary>
    public IReadOnlyList<int> UsedNeurons() => Entries.SelectMany(e => e.UsedNeurons).Distinct().Order().ToArray();
}
