using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a shift register: S + 1 slots, each a present bit p_j and b data bits d_{j,i} of
/// saturated neurons, that move one slot towards slot 0 whenever <c>shift</c> fires.
/// </summary>
/// <remarks>
/// Neuron (j, f) of the block is offset + j(b + 1) + f, with f = 0 the present bit and
/// f = 1 … b the data bits. Every neuron's candidate reads the same neuron of slot j + 1 through
/// W_hn = α. The reset gate of a present bit is held open at σ(2α); that of a data bit is open
/// only while p_{j+1} is high, so an empty slot passes down tanh(σ(−α)·α·d) ≈ 0 instead of its
/// data. The top slot S has no slot above: it takes
/// the input's code (source = symbols: present +α on a symbol and −α on blank and delimiter,
/// data α·code) or the sign of a one-neuron source block (data W_hn = α with the reset gate
/// open only while shift fires, present b_in = α).
/// Update gates are σ(2α) at rest and σ(−α) when shift fires. A register with <c>load</c>
/// also opens slot j (j ≥ 1) when its clock neuron is high (c_{j−1} in reverse order,
/// c_{S−j} in forward order) and closes the reset gate of slots 1 … S on symbol inputs, so a
/// loaded slot takes the input's code instead of the slot above. <c>clear</c> opens the update
/// gate and closes the reset gate of every data bit, so the data bits become tanh(0) = 0 while
/// the present bits keep shifting.
/// </remarks>
internal static class ShiftRegisterToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network, BlockDefinition block)
    {
        var task = network.Task;
        var alpha = block.Alpha;
        var hold = SaturatedLevels.Hold(alpha);
        var open = SaturatedLevels.Open(alpha);
        var slots = block.Slots;
        var fields = block.Bits + 1;
        var shift = block.Signals[SignalKeys.Shift];
        var clear = block.Signals.GetValueOrDefault(SignalKeys.Clear);
        var candidate = weights.GateOffset(Gate.Candidate);
        var symbols = new SignalTerm("symbols", Enumerable.Range(0, task.Symbols).ToList(), null, false);
        int Neuron(int slot, int field) => block.Offset + (slot * fields) + field;

        for (var slot = 0; slot < slots; slot++)
        {
            var loaded = block.Clock is not null && slot >= 1;
            var isTop = slot == slots - 1;
            for (var field = 0; field < fields; field++)
            {
                var neuron = Neuron(slot, field);
                var isData = field > 0;

                List<SignalTerm> updateTerms = [.. shift.Terms];
                List<SignalTerm> resetTerms = [];
                if (loaded)
                {
                    updateTerms.Add(SignalToGateWeights.NeuronTerm(block.Clock!, LoadClockNeuron(block, task.Length, slot)));
                    resetTerms.Add(symbols);
                }

                if (isData && clear is not null)
                {
                    updateTerms.AddRange(clear.Terms);
                    resetTerms.AddRange(clear.Terms);
                }

                SignalToGateWeights.Write(weights, network, Gate.Update, neuron, updateTerms, SignalCombination.Any, hold, open);
                if (isData && !isTop)
                {
                    // A data bit copies the slot above only while that slot contains an item and
                    // no load or clear is under way. Copying an empty slot's data would multiply
                    // any small value there by α at every shift.
                    List<SignalTerm> copyTerms = [SignalToGateWeights.NeuronTerm(block.Name, Neuron(slot + 1, 0) - block.Offset)];
                    copyTerms.AddRange(resetTerms.Select(term => term with { Negated = !term.Negated }));
                    SignalToGateWeights.Write(weights, network, Gate.Reset, neuron, copyTerms, SignalCombination.All, open, hold);
                }
                else if (isTop && isData && block.SourceBlock is not null)
                {
                    // The top slot reads the source block only while shifting. Otherwise its
                    // candidate would pull the empty top slot towards the source by σ(−2α) per
                    // step before the first push, and each later shift multiplies that by α.
                    SignalToGateWeights.Write(weights, network, Gate.Reset, neuron, updateTerms, SignalCombination.Any, open, hold);
                }
                else
                {
                    SignalToGateWeights.Write(weights, network, Gate.Reset, neuron, resetTerms, SignalCombination.Any, hold, open);
                }

                if (!isTop)
                {
                    weights.WeightHh[candidate + neuron, Neuron(slot + 1, field)] = alpha;
                }

                if (loaded || (isTop && block.SourceBlock is null))
                {
                    WriteSymbolCode(weights, task, candidate + neuron, field, alpha, emptyOnOtherInputs: isTop);
                }
                else if (isTop && field == 0)
                {
                    weights.BiasIh[candidate + neuron] = alpha;
                }
                else if (isTop)
                {
                    weights.WeightHh[candidate + neuron, network.Block(block.SourceBlock!).Offset] = alpha;
                }
            }
        }
    }

    /// <summary>The clock neuron that loads slot <paramref name="slot"/>: c_{j−1} in reverse order, c_{S−j} in forward order.</summary>
    public static int LoadClockNeuron(BlockDefinition block, int length, int slot) =>
        block.ReverseLoad ? slot - 1 : length - slot;

    /// <summary>
    /// Writes the input code into one candidate row: the present bit is +α on symbols (and −α on
    /// blank and delimiter when <paramref name="emptyOnOtherInputs"/>), data bit i is α times bit i
    /// of the symbol's code.
    /// </summary>
    private static void WriteSymbolCode(GruWeights weights, TaskDefinition task, int row, int field, double alpha, bool emptyOnOtherInputs)
    {
        for (var symbol = 0; symbol < task.Symbols; symbol++)
        {
            weights.WeightIh[row, symbol] = field == 0 ? alpha : alpha * SymbolCode.Bit(symbol, field - 1);
        }

        if (field == 0 && emptyOnOtherInputs)
        {
            weights.WeightIh[row, VdcmLayout.BlankInput(task.Symbols)] = -alpha;
            weights.WeightIh[row, VdcmLayout.DelimiterInput(task.Symbols)] = -alpha;
        }
    }
}
