using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Lowering;

/// <summary>
/// Lowers the readout y = V h + c from the blocks that <c>readout</c> names; a name written with
/// '-' contributes with the opposite sign.
/// </summary>
/// <remarks>
/// The labels J and C are those of docs/synthetic-k2.md. Memory (J11): signed code, y_A += Σ m_i and y_B −= Σ m_i; one-hot code, y_k += Σ_i m_{i,k}.
/// Clock (J22, C2): y_blank −= α Σ_{j&lt;S} c_j, and c_blank = −(S − 2)α. Switch (J23):
/// y_blank −= α s. With α the network's, these make blank lose by about α only while decoding
/// (docs/synthetic-k2.md). Shift register: with gain G = 1, y_k += G Σ_i code_i(k) d_{0,i} from
/// slot 0, y_blank −= (2G/n) p_0 for each of the n registers read, and c_blank = G(b − 1): an
/// item in slot 0 scores G·b for its own symbol, at most G(b − 2) for any other and G(b − 3)
/// for blank; an empty slot 0 (p_0 = −1, data 0) scores G(b + 1) for blank and 0 for symbols.
/// </remarks>
internal static class ReadoutToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network)
    {
        var task = network.Task;
        var s = task.Length;
        var alpha = network.Alpha;
        var blankClass = VdcmLayout.BlankClass(task.Symbols);
        var registers = network.ReadoutBlocks.Select(network.Block).Where(b => b.Kind == BlockKind.ShiftRegister).ToList();

        foreach (var name in network.ReadoutBlocks)
        {
            var block = network.Block(name);
            var sign = network.NegatedReadoutBlocks.Contains(name) ? -1.0 : 1.0;
            switch (block.Kind)
            {
                case BlockKind.Memory:
                    for (var i = 1; i <= s; i++)
                    {
                        if (block.Code == MemoryCode.Signed)
                        {
                            var neuron = MemoryToWeights.Neuron(network, block, i, 0);
                            weights.ReadoutWeight[0, neuron] = sign * 1.0;
                            weights.ReadoutWeight[1, neuron] = sign * -1.0;
                        }
                        else
                        {
                            for (var k = 0; k < task.Symbols; k++)
                            {
                                weights.ReadoutWeight[k, MemoryToWeights.Neuron(network, block, i, k)] = sign;
                            }
                        }
                    }

                    break;

                case BlockKind.Clock:
                    for (var j = 0; j < s; j++)
                    {
                        weights.ReadoutWeight[blankClass, block.Offset + j] = -alpha;
                    }

                    weights.ReadoutBias[blankClass] = -alpha * (s - 2);
                    break;

                case BlockKind.Switch:
                    weights.ReadoutWeight[blankClass, block.Offset] = -alpha;
                    break;

                case BlockKind.ShiftRegister:
                    var gain = SaturatedLevels.ReadoutGain;
                    for (var bit = 0; bit < block.Bits; bit++)
                    {
                        for (var k = 0; k < task.Symbols; k++)
                        {
                            weights.ReadoutWeight[k, block.Offset + 1 + bit] += sign * gain * SymbolCode.Bit(k, bit);
                        }
                    }

                    weights.ReadoutWeight[blankClass, block.Offset] -= 2 * gain / registers.Count;
                    weights.ReadoutBias[blankClass] = gain * (registers.Max(r => r.Bits) - 1);
                    break;

                default:
                    throw new InvalidOperationException($"Block '{name}' of kind {block.Kind} cannot be read; the binder should have rejected it.");
            }
        }
    }
}
