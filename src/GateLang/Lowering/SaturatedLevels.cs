namespace GateLang.Lowering;

/// <summary>
/// The pre-activation levels that the saturated blocks (switch with block terms, latch, toggle,
/// shift register) use for their gates, in units of the block's α.
/// </summary>
/// <remarks>
/// A closed update gate sits at σ(2α), so a held neuron moves towards its candidate by
/// σ(−2α) ≈ 2.1 × 10^−9 of the gap per step at α = 10, and an open one at σ(−α), so it keeps
/// σ(−α) ≈ 4.5 × 10^−5 of its old value. The reset gate uses the same two levels.
/// </remarks>
internal static class SaturatedLevels
{
    /// <summary>Pre-activation of a closed update gate, and of an open reset gate: 2α.</summary>
    public static double Hold(double alpha) => 2 * alpha;

    /// <summary>Pre-activation of an open update gate, and of a closed reset gate: −α.</summary>
    public static double Open(double alpha) => -alpha;

    /// <summary>Readout weight per ±1 bit of a shift register's slot 0.</summary>
    public const double ReadoutGain = 1;
}
