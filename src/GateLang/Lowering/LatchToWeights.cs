using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a latch: one neuron, low (−1) at the start, that goes high when <c>set</c> fires, goes
/// low when <c>reset</c> fires, and otherwise keeps its value.
/// </summary>
/// <remarks>
/// Update gate: σ(2α) while neither signal fires and σ(−α) or lower when one does
/// (<see cref="SignalToGateWeights"/>). Candidate: without <c>reset</c> it is tanh(α) always
/// (b_in = α), so an open gate drives the neuron high. With <c>reset</c> it is tanh(α) when set
/// fires and tanh(−α) when reset fires; both signals then name inputs only, and the candidate
/// reads them through W_in.
/// </remarks>
internal static class LatchToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network, BlockDefinition block)
    {
        var neuron = block.Offset;
        var alpha = block.Alpha;
        var set = block.Signals[SignalKeys.Set];
        var reset = block.Signals.GetValueOrDefault(SignalKeys.Reset);

        var triggers = reset is null ? set : new Signal(SignalCombination.Any, [.. set.Terms, .. reset.Terms], $"{set.Text}, {reset.Text}");
        SignalToGateWeights.Write(weights, network, Gate.Update, neuron, triggers, SaturatedLevels.Hold(alpha), SaturatedLevels.Open(alpha));

        var candidate = weights.GateOffset(Gate.Candidate) + neuron;
        if (reset is null)
        {
            weights.BiasIh[candidate] = alpha;
            return;
        }

        // Set and reset name inputs only (the binder checks), so each input column drives the
        // candidate to +α, −α or, for inputs that trigger neither, 0.
        WriteInputCandidate(weights, network, candidate, set, alpha);
        WriteInputCandidate(weights, network, candidate, reset, -alpha);
    }

    private static void WriteInputCandidate(GruWeights weights, NetworkDefinition network, int row, Signal signal, double value)
    {
        var columns = new HashSet<int>();
        foreach (var term in signal.Terms)
        {
            columns.UnionWith(term.Negated ? Enumerable.Range(0, network.Task.InputSize).Except(term.InputColumns) : term.InputColumns);
        }

        foreach (var column in columns)
        {
            weights.WeightIh[row, column] += value;
        }
    }
}
