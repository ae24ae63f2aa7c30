using GateLang.Diagnostics;

namespace GateLang.Ir;

/// <summary>The task families GateLang can generate trials for.</summary>
public enum TaskKind
{
    /// <summary>Variable-delay copy memory: recall S symbols in order after a delay of T steps.</summary>
    Vdcm,

    /// <summary>Modified parity (K = 2): after the delay, output bit k is the XOR of input bits 0..k.</summary>
    Parity,

    /// <summary>Binary translation (K = 2): after the delay, the input reversed if its last bit is 1, else every bit flipped.</summary>
    Translate,
}

/// <summary>
/// A bound task: K symbols, sequences of length S, delays T drawn uniformly from
/// [DelayMin, DelayMax], and the seed of its trial generator.
/// </summary>
public sealed record TaskDefinition(
    string Name,
    TaskKind Kind,
    int Symbols,
    int Length,
    int DelayMin,
    int DelayMax,
    int Seed,
    SourceLocation Location)
{
    /// <summary>Input width: K symbols, then blank (index K), then the delimiter (index K + 1).</summary>
    public int InputSize => Symbols + 2;

    /// <summary>Output classes: K symbols, then blank (index K).</summary>
    public int OutputSize => Symbols + 1;

    /// <summary>Steps in a trial with delay <paramref name="delay"/>: 2S + T.</summary>
    public int TrialLength(int delay) => 2 * Length + delay;

    /// <summary>Steps in the longest trial of the task.</summary>
    public int MaxTrialLength => TrialLength(DelayMax);
}
