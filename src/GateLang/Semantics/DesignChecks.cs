using System.Globalization;
using GateLang.Diagnostics;
using GateLang.Ir;

namespace GateLang.Semantics;

/// <summary>
/// Warns when a network's parameters are expected to make it fail, before anything is
/// simulated: a geometric memory asked to separate more steps than its ratio, gains and erase
/// gain allow, and saturated blocks whose gain is too small to hold their values.
/// </summary>
internal sealed class DesignChecks(DiagnosticBag diagnostics)
{
    /// <summary>Largest S the memory criterion is evaluated for; beyond it values fall below double precision.</summary>
    private const int MaxCheckedLength = 2000;

    /// <summary>
    /// Largest drift of a held saturated neuron towards its candidate, as a fraction of the gap,
    /// over the longest trial. Measured failures start near 0.3 (docs/blocks.md), so 0.05 warns
    /// with room to spare.
    /// </summary>
    public const double MaxHoldDrift = 0.05;

    public void Check(BoundNetwork bound, NetworkDefinition network)
    {
        foreach (var block in network.Blocks)
        {
            var syntax = bound.Blocks.First(b => b.Name == block.Name);
            switch (block.Kind)
            {
                case BlockKind.Memory:
                    CheckMemory(network, block, syntax);
                    break;
                case BlockKind.Latch or BlockKind.Toggle or BlockKind.ShiftRegister:
                    CheckHold(network, block, syntax);
                    break;
            }
        }
    }

    /// <summary>
    /// Warns when the geometric precedence of a memory block fails for some sequence.
    /// </summary>
    /// <remarks>
    /// At decoding step i the readout must be decided by m_i, of size v_i = tanh(r^−i), against
    /// the worst case of every later value with the other sign, Σ_{j&gt;i} v_j, and every erased
    /// neuron's leftover with the other sign, ε Σ_{j&lt;i} v_j, where ε = σ(β − c·gα) is the
    /// fraction an erase keeps and c ≈ 0.90 the clock's high value. The memory fails when some
    /// step has v_i ≤ Σ_{j&gt;i} v_j + ε Σ_{j&lt;i} v_j. For α = 10, β = 3 this gives the largest S
    /// measured by exhaustive runs: 4, 14, 11 and 9 for r = 2, 3, 4 and 6 with erase gain 2, and
    /// 4, 6, 5 and 4 with erase gain 1.
    /// </remarks>
    private void CheckMemory(NetworkDefinition network, BlockDefinition memory, BoundBlock syntax)
    {
        if (memory.Clock is not { } clockName)
        {
            return;
        }

        var clock = network.Block(clockName);
        var leftover = EraseLeftover(memory, clock);
        var s = network.Task.Length;
        var failure = FindFailure(memory.Ratio, leftover, s);
        if (failure is null)
        {
            return;
        }

        var largest = LargestSeparableLength(memory.Ratio, leftover);
        var (step, value, later, left) = failure.Value;
        var inv = CultureInfo.InvariantCulture;
        string reason;
        string fix;
        if (later >= value)
        {
            reason = string.Create(inv, $"with ratio {memory.Ratio:G4}, the values tanh({memory.Ratio:G4}^-j) stored after step {step} add up to {later:G3}, not less than the value of step {step}, tanh({memory.Ratio:G4}^-{step}) = {value:G3}, because tanh compresses the larger values most");
            fix = "choose a ratio above 2, such as 3, or a shorter S";
        }
        else
        {
            reason = string.Create(inv, $"an erased neuron keeps sigma(beta - {ClockHigh(clock):F2} * erase_gain * alpha) = {leftover:G3} of its value, and the leftovers of steps 1 to {step - 1} (up to {left:G3}) outweigh the margin of step {step}, tanh({memory.Ratio:G4}^-{step}) minus the later values = {value - later:G3}");
            fix = "raise erase_gain, or lower the ratio or S";
        }

        var location = syntax.Settings[Semantics.SettingCatalog.Ratio]?.Value.Location ?? memory.Location;
        diagnostics.Report(DiagnosticCatalog.MemoryCannotSeparate, location, memory.Name, reason, largest, fix);
    }

    /// <summary>The fraction of a memory neuron's value that an erase keeps: σ(β − c·gα).</summary>
    public static double EraseLeftover(BlockDefinition memory, BlockDefinition clock) =>
        Sigmoid(memory.Beta - (ClockHigh(clock) * memory.EraseGain * memory.Alpha));

    /// <summary>
    /// The value of a high clock neuron, the fixed point of c = −z + (1 − z) tanh((αc − β)/2)
    /// with z = σ(−β): a neuron that was low (−1) follows its high feeder within one step.
    /// </summary>
    public static double ClockHigh(BlockDefinition clock)
    {
        var z = Sigmoid(-clock.Beta);
        var high = 1.0;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            high = -z + ((1 - z) * Math.Tanh(((clock.Alpha * high) - clock.Beta) / 2));
        }

        return high;
    }

    /// <summary>The first step (1-based) whose value does not outweigh the worst case, or null when every step does.</summary>
    public static (int Step, double Value, double Later, double Leftover)? FindFailure(double ratio, double leftover, int length)
    {
        var values = Enumerable.Range(1, length).Select(i => Math.Tanh(Math.Pow(ratio, -i))).ToArray();
        var later = values.Sum();
        var earlier = 0.0;
        for (var i = 0; i < length; i++)
        {
            later -= values[i];
            var left = leftover * earlier;
            if (values[i] <= later + left)
            {
                return (i + 1, values[i], later, left);
            }

            earlier += values[i];
        }

        return null;
    }

    /// <summary>The largest S for which <see cref="FindFailure"/> finds no failing step.</summary>
    public static int LargestSeparableLength(double ratio, double leftover)
    {
        var length = 0;
        while (length < MaxCheckedLength && FindFailure(ratio, leftover, length + 1) is null)
        {
            length++;
        }

        return length;
    }

    /// <summary>
    /// Warns when a saturated block cannot hold its value through the longest trial.
    /// </summary>
    /// <remarks>
    /// A closed update gate at σ(2α) moves a held neuron towards its candidate by σ(−2α) of the
    /// gap per step, so over the 2S + T.max steps of the longest trial the drift is
    /// 1 − (1 − σ(−2α))^(2S + T.max). Above <see cref="MaxHoldDrift"/> the block is warned about.
    /// </remarks>
    private void CheckHold(NetworkDefinition network, BlockDefinition block, BoundBlock syntax)
    {
        var steps = network.Task.MaxTrialLength;
        var drift = HoldDrift(block.Alpha, steps);
        if (drift <= MaxHoldDrift)
        {
            return;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"with alpha = {block.Alpha:G4} a closed update gate is sigma(2 alpha) = {Sigmoid(2 * block.Alpha):G4}, so over the longest trial of {steps} steps a held value drifts by {drift * 100:F0}% of the way to its candidate, more than {MaxHoldDrift * 100:F0}%");
        var needed = (Math.Ceiling(MinimumAlpha(steps) * 100) / 100).ToString("0.##", CultureInfo.InvariantCulture);
        var location = syntax.Settings[Semantics.SettingCatalog.Alpha]?.Value.Location ?? block.Location;
        diagnostics.Report(DiagnosticCatalog.GainTooSmall, location, Semantics.BlockWiringBinder.KindWord(block.Kind), block.Name, reason, needed);
    }

    /// <summary>The drift of a held neuron over <paramref name="steps"/> steps: 1 − (1 − σ(−2α))^steps.</summary>
    public static double HoldDrift(double alpha, int steps) => 1 - Math.Pow(1 - Sigmoid(-2 * alpha), steps);

    /// <summary>The smallest α whose hold drift over <paramref name="steps"/> steps is at most <see cref="MaxHoldDrift"/>.</summary>
    public static double MinimumAlpha(int steps) => 0.5 * Math.Log((1 / (1 - Math.Pow(1 - MaxHoldDrift, 1.0 / steps))) - 1);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
