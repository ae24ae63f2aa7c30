using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a [memory | clock | switch] network to the hand-set GRU weights of the binary (K = 2)
/// copy-memory construction: memory neuron i (1-based) is written with ±r^−i at encoding step
/// i − 1 and erased at decoding step i, so the first neuron not yet erased decides the output.
/// </summary>
/// <remarks>
/// Block names below follow the paper's Figure 7 (λ = candidate input weights, H = candidate
/// recurrent weights, G and F = update-gate recurrent weights and bias, J and C = readout).
/// docs/synthetic-k2.md gives every value, what it does, and how each ambiguity of the
/// extracted text was resolved. With S memory neurons m_1..m_S, S + 1 clock neurons
/// c_0..c_S and one switch s, the clock's high neuron moves from c_{S−1} (initial state)
/// towards c_0 during encoding; the delimiter starts it again at c_S. At step t the gates see
/// h_{t−1}, so m_i is written or erased when c_{S−i} is high.
/// </remarks>
public static class BinaryCopyLowering
{
    public static GruWeights Lower(NetworkDefinition network)
    {
        var task = network.Task;
        if (task.Symbols != 2)
        {
            throw new InvalidOperationException($"The binary construction needs K = 2, but task '{task.Name}' has K = {task.Symbols}; the binder should have rejected it.");
        }

        var memory = Single(network, BlockKind.Memory);
        var clock = Single(network, BlockKind.Clock);
        var switchBlock = Single(network, BlockKind.Switch);
        var s = task.Length;
        if (memory.Size != s || clock.Size != s + 1 || switchBlock.Size != 1)
        {
            throw new InvalidOperationException("Block sizes do not fit the task; the binder should have rejected them.");
        }

        var weights = new GruWeights(task.InputSize, network.HiddenSize, task.OutputSize);
        Label(weights, network);

        var symbolA = 0;
        var symbolB = 1;
        var blank = VdcmLayout.BlankInput(task.Symbols);
        var delimiter = VdcmLayout.DelimiterInput(task.Symbols);

        int Mem(int i) => memory.Offset + i - 1;
        int Clk(int j) => clock.Offset + j;
        var sw = switchBlock.Offset;

        var update = weights.GateOffset(Gate.Update);
        var candidate = weights.GateOffset(Gate.Candidate);

        // Memory. λ11 writes ±r^−i through the candidate; F1 = β holds the update gate high;
        // G12 pulls it low when the memory neuron's clock neuron is high (write, then erase).
        for (var i = 1; i <= s; i++)
        {
            var value = Math.Pow(memory.Ratio, -i);
            weights.WeightIh[candidate + Mem(i), symbolA] = value;
            weights.WeightIh[candidate + Mem(i), symbolB] = -value;
            weights.BiasHh[update + Mem(i)] = memory.Beta;
            weights.WeightHh[update + Mem(i), Clk(s - i)] = -memory.EraseGain * memory.Alpha;
        }

        // Clock. H22: c_j's candidate follows c_{j+1}, so the high neuron moves one place down
        // per step. The candidate bias −β, placed in b_hn so that the reset gate scales it
        // together with H22, returns a neuron to low once its feeder is low. The update-gate
        // bias −β makes clock neurons follow their candidate within one step.
        var clockAlpha = clock.Alpha;
        var clockBeta = clock.Beta;
        for (var j = 0; j < s; j++)
        {
            weights.WeightHh[candidate + Clk(j), Clk(j + 1)] = clockAlpha;
        }

        for (var j = 0; j <= s; j++)
        {
            weights.BiasHh[candidate + Clk(j)] = -clockBeta;
            weights.BiasHh[update + Clk(j)] = -clockBeta;
        }

        // λ21: a symbol keeps c_{S−1} and c_S low, so only one clock neuron is high while encoding.
        foreach (var row in new[] { Clk(s - 1), Clk(s) })
        {
            weights.WeightIh[candidate + row, symbolA] = -clockAlpha;
            weights.WeightIh[candidate + row, symbolB] = -clockAlpha;
        }

        // λ22: blanks hold c_S low through the delay; the delimiter sets it high, restarting the clock.
        weights.WeightIh[candidate + Clk(s), blank] = -clockAlpha;
        weights.WeightIh[candidate + Clk(s), delimiter] = clockAlpha;

        // Switch. λ31 holds it low while symbols arrive, λ32 sets it high on blank or delimiter.
        var switchAlpha = switchBlock.Alpha;
        var switchBeta = switchBlock.Beta;
        weights.WeightIh[candidate + sw, symbolA] = -switchAlpha;
        weights.WeightIh[candidate + sw, symbolB] = -switchAlpha;
        weights.WeightIh[candidate + sw, blank] = switchAlpha;
        weights.WeightIh[candidate + sw, delimiter] = switchAlpha;
        weights.BiasHh[candidate + sw] = -switchBeta;
        weights.BiasHh[update + sw] = -switchBeta;

        // Readout. J11: A reads +Σ m_i and B reads −Σ m_i, so the sign of the first neuron not yet
        // erased wins. J22, J23, C2: the blank logit is −α(Σ_{j<S} c_j + s) − α(S − 2), which is
        // −α while decoding (one of c_0..c_{S−1} high, switch high) and at least +α otherwise.
        var readoutAlpha = network.Alpha;
        var blankClass = VdcmLayout.BlankClass(task.Symbols);
        for (var i = 1; i <= s; i++)
        {
            weights.ReadoutWeight[symbolA, Mem(i)] = 1.0;
            weights.ReadoutWeight[symbolB, Mem(i)] = -1.0;
        }

        for (var j = 0; j < s; j++)
        {
            weights.ReadoutWeight[blankClass, Clk(j)] = -readoutAlpha;
        }

        weights.ReadoutWeight[blankClass, sw] = -readoutAlpha;
        weights.ReadoutBias[blankClass] = -readoutAlpha * (s - 2);

        // Initial state, as bound (memory 0, clock −1 but c_{S−1} = +1, switch −1 by default).
        foreach (var block in network.Blocks)
        {
            for (var k = 0; k < block.Size; k++)
            {
                weights.InitialState[block.Offset + k] = block.InitialState[k];
            }
        }

        return weights;
    }

    private static BlockDefinition Single(NetworkDefinition network, BlockKind kind)
    {
        var blocks = network.Blocks.Where(b => b.Kind == kind).ToList();
        if (blocks.Count != 1)
        {
            throw new InvalidOperationException($"Network '{network.Name}' has {blocks.Count} {kind} blocks; the binder should have required exactly one.");
        }

        return blocks[0];
    }

    private static void Label(GruWeights weights, NetworkDefinition network)
    {
        foreach (var block in network.Blocks)
        {
            for (var k = 0; k < block.Size; k++)
            {
                weights.HiddenLabels[block.Offset + k] = block.NeuronLabel(k);
            }
        }

        var symbols = network.Task.Symbols;
        for (var k = 0; k < symbols; k++)
        {
            weights.InputLabels[k] = SymbolName(k);
            weights.OutputLabels[k] = SymbolName(k);
        }

        weights.InputLabels[VdcmLayout.BlankInput(symbols)] = "blank";
        weights.InputLabels[VdcmLayout.DelimiterInput(symbols)] = "delim";
        weights.OutputLabels[VdcmLayout.BlankClass(symbols)] = "blank";
    }

    /// <summary>Name of symbol <paramref name="index"/>: A, B, C, … as in the paper, then s26, s27, ….</summary>
    public static string SymbolName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"s{index}";
}
