using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a toggle: one neuron, low (−1) at the start, that flips its sign at every step where
/// <c>flip</c> fires, so its sign is the parity (XOR) of the steps at which flip fired.
/// </summary>
/// <remarks>
/// Candidate tanh(−α·h) through W_hn[h, h] = −α, with the reset gate held open at σ(2α) so the
/// candidate is about −h. Update gate σ(2α) while flip does not fire and σ(−α) when it does.
/// </remarks>
internal static class ToggleToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network, BlockDefinition block)
    {
        var neuron = block.Offset;
        var alpha = block.Alpha;
        SignalToGateWeights.Write(
            weights, network, Gate.Update, neuron, block.Signals[SignalKeys.Flip], SaturatedLevels.Hold(alpha), SaturatedLevels.Open(alpha));
        weights.WeightHh[weights.GateOffset(Gate.Candidate) + neuron, neuron] = -alpha;
        weights.BiasHh[weights.GateOffset(Gate.Reset) + neuron] = SaturatedLevels.Hold(alpha);
    }
}
