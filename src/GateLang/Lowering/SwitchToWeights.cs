using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a switch: one neuron whose candidate is tanh(+α) when its <c>on</c> signal fires and
/// tanh(−α) otherwise, with b_hn = −β and b_hz = −β so that it follows the signal within a step.
/// </summary>
/// <remarks>
/// The default signal, <c>on = any(blank, delim)</c>, gives the switch of the binary network
/// in docs/synthetic-k2.md (λ31, λ32, F3):
/// W_in = −α for symbols and +α for blank and delimiter. With input terms only, the constant of
/// the threshold is spread over the input columns, so the reset gate has no weights and
/// r = 1/2, as there. With block terms, the candidate reads them through W_hn, so the
/// reset gate is held open at σ(2α).
/// </remarks>
internal static class SwitchToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network, BlockDefinition block)
    {
        var neuron = block.Offset;
        var signal = block.Signals.GetValueOrDefault(SignalKeys.On) ?? Signal.DefaultSwitch(network.Task.Symbols);
        var inputOnly = signal.Terms.All(term => term.IsInput);

        SignalToGateWeights.Write(
            weights, network, Gate.Candidate, neuron, signal.Terms, signal.Combination,
            rest: -block.Alpha, fired: block.Alpha, foldConstantIntoInputs: inputOnly);
        weights.BiasHh[weights.GateOffset(Gate.Candidate) + neuron] = -block.Beta;
        weights.BiasHh[weights.GateOffset(Gate.Update) + neuron] = -block.Beta;
        if (!inputOnly)
        {
            weights.BiasHh[weights.GateOffset(Gate.Reset) + neuron] = SaturatedLevels.Hold(block.Alpha);
        }
    }
}
