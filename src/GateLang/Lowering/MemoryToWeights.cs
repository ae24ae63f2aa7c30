using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a memory block: the slow-manifold memory with geometric precedence of
/// <i>Gating Mechanisms Underlying Sequence-to-Sequence Working Memory</i> (anonymous ICLR 2022 submission, section 5), written and erased through the update gate by the clock named in <c>write</c>.
/// </summary>
/// <remarks>
/// Step i (1-based, i = 1 … S) has one neuron m_i with the signed code (K = 2) or K neurons
/// m_{i,k} with the one-hot code. While a symbol is shown the candidate is tanh(±r^−i) for the
/// signed code (+ for A, − for B) and tanh(r^−i) on the shown symbol's neuron for the one-hot
/// code (λ11); otherwise it is 0. The update gate is σ(β − gα·c_{S−i}) with g = erase_gain (F1,
/// G12): held at σ(β + gα) while clock neuron c_{S−i} is low, open while it is high, which
/// happens once while encoding (write) and once while decoding (erase). docs/synthetic-k2.md
/// derives each value.
/// </remarks>
internal static class MemoryToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network, BlockDefinition memory)
    {
        var task = network.Task;
        var s = task.Length;
        var clock = WritingClock(network, memory);
        var update = weights.GateOffset(Gate.Update);
        var candidate = weights.GateOffset(Gate.Candidate);
        var perStep = memory.Code == MemoryCode.Signed ? 1 : task.Symbols;

        for (var i = 1; i <= s; i++)
        {
            var value = Math.Pow(memory.Ratio, -i);
            for (var k = 0; k < perStep; k++)
            {
                var neuron = memory.Offset + ((i - 1) * perStep) + k;
                if (memory.Code == MemoryCode.Signed)
                {
                    weights.WeightIh[candidate + neuron, 0] = value;
                    weights.WeightIh[candidate + neuron, 1] = -value;
                }
                else
                {
                    weights.WeightIh[candidate + neuron, k] = value;
                }

                weights.BiasHh[update + neuron] = memory.Beta;
                weights.WeightHh[update + neuron, clock.Offset + s - i] = -memory.EraseGain * memory.Alpha;
            }
        }
    }

    /// <summary>
    /// The clock named in <c>write</c>, or the network's only clock for a definition built
    /// without one, as the first GateLang version's definitions are.
    /// </summary>
    public static BlockDefinition WritingClock(NetworkDefinition network, BlockDefinition memory) =>
        memory.Clock is { } name
            ? network.Block(name)
            : network.FindBlock(BlockKind.Clock) ?? throw new InvalidOperationException($"Memory block '{memory.Name}' has no clock to write it; the binder should have rejected the network.");

    /// <summary>The hidden index of the neuron that stores symbol <paramref name="symbol"/> of step <paramref name="step"/> (1-based).</summary>
    public static int Neuron(NetworkDefinition network, BlockDefinition memory, int step, int symbol) =>
        memory.Code == MemoryCode.Signed
            ? memory.Offset + step - 1
            : memory.Offset + ((step - 1) * network.Task.Symbols) + symbol;
}
