using GateLang.Model;

namespace GateLang.Tests.Blocks;

/// <summary>
/// The rows each block kind writes, checked entry by entry against the equations in
/// docs/blocks.md (α = 10: hold 2α = 20, open −α = −10, per-term swing Δ = −30).
/// </summary>
public sealed class BlockLoweringTests
{
    private const string Spec = """
        task copy { kind = vdcm  K = 4  S = 2  T = 3 }
        network net for copy {
            latch dec { set = delim }
            switch enc { on = symbols }
            toggle par { flip = B }
            switch both { on = all(delim, -dec) }
            shift_register buf { source = symbols  shift = any(symbols, dec) }
            readout = buf
        }
        """;

    // Inputs: A = 0 … D = 3, blank = 4, delim = 5. Neurons: dec 0, enc 1, par 2, both 3, buf 4…12.
    private static readonly GruWeights Weights = BlockNetworks.Compile(Spec).Weights;

    private static double Ih(Gate gate, int neuron, int input) => Weights.WeightIh[Weights.GateOffset(gate) + neuron, input];

    private static double Hh(Gate gate, int neuron, int source) => Weights.WeightHh[Weights.GateOffset(gate) + neuron, source];

    private static double BiasIh(Gate gate, int neuron) => Weights.BiasIh[Weights.GateOffset(gate) + neuron];

    private static double BiasHh(Gate gate, int neuron) => Weights.BiasHh[Weights.GateOffset(gate) + neuron];

    [Fact]
    public void Latch_OpensOnSetAndDrivesHigh()
    {
        Assert.Equal(20, BiasHh(Gate.Update, 0));
        Assert.Equal(-30, Ih(Gate.Update, 0, 5));
        Assert.Equal(0, Ih(Gate.Update, 0, 4));
        Assert.Equal(10, BiasIh(Gate.Candidate, 0));
    }

    [Fact]
    public void InputSwitch_KeepsThePaperForm()
    {
        // on = symbols: +α on symbol columns, −α on blank and delimiter, r = 1/2.
        Assert.Equal([10, 10, 10, 10, -10, -10], Enumerable.Range(0, 6).Select(input => Ih(Gate.Candidate, 1, input)));
        Assert.Equal(-3, BiasHh(Gate.Candidate, 1));
        Assert.Equal(-3, BiasHh(Gate.Update, 1));
        Assert.Equal(0, BiasHh(Gate.Reset, 1));
    }

    [Fact]
    public void BlockSwitch_ThresholdsAnAnd()
    {
        // all(delim, -dec): rest −α, fired +α; two terms, so the constant is
        // −α + Δ/2 − Δ = −α − α = −20 with Δ = 2α, and the negated block weight is −α.
        Assert.Equal(20, Ih(Gate.Candidate, 3, 5));
        Assert.Equal(-10, Hh(Gate.Candidate, 3, 0));
        Assert.Equal(-20, BiasIh(Gate.Candidate, 3));
        Assert.Equal(20, BiasHh(Gate.Reset, 3));
    }

    [Fact]
    public void Toggle_CandidateIsMinusItself()
    {
        Assert.Equal(-10, Hh(Gate.Candidate, 2, 2));
        Assert.Equal(-30, Ih(Gate.Update, 2, 1));
        Assert.Equal(20, BiasHh(Gate.Update, 2));
        Assert.Equal(20, BiasHh(Gate.Reset, 2));
    }

    [Fact]
    public void Register_ShiftsTowardsSlotZero()
    {
        // K = 4: two data bits, so slot j is neurons 4 + 3j (present), 5 + 3j, 6 + 3j.
        for (var field = 0; field < 3; field++)
        {
            Assert.Equal(10, Hh(Gate.Candidate, 4 + field, 7 + field));
            Assert.Equal(10, Hh(Gate.Candidate, 7 + field, 10 + field));
        }

        // Update gate: any(symbols, dec) with one block term: 20 + Δ/2 = 5, dec weight Δ/2 = −15.
        Assert.Equal(5, BiasHh(Gate.Update, 4));
        Assert.Equal(-15, Hh(Gate.Update, 4, 0));
        Assert.Equal(-30, Ih(Gate.Update, 4, 2));
        Assert.Equal(0, Ih(Gate.Update, 4, 5));
    }

    [Fact]
    public void Register_TopSlotTakesTheInputCode()
    {
        // Top slot (slot 2): present 10, bit 0 at 11, bit 1 at 12. Symbol C = 2 is binary 10.
        Assert.Equal([10, 10, 10, 10, -10, -10], Enumerable.Range(0, 6).Select(input => Ih(Gate.Candidate, 10, input)));
        Assert.Equal([-10, 10, -10, 10, 0, 0], Enumerable.Range(0, 6).Select(input => Ih(Gate.Candidate, 11, input)));
        Assert.Equal([-10, -10, 10, 10, 0, 0], Enumerable.Range(0, 6).Select(input => Ih(Gate.Candidate, 12, input)));
    }

    [Fact]
    public void Register_ReadoutReadsSlotZero()
    {
        // y_k = Σ_i code_i(k) d_{0,i}, y_blank = −2 p_0 + (b − 1).
        Assert.Equal([-1, 1, -1, 1, 0], Enumerable.Range(0, 5).Select(k => Weights.ReadoutWeight[k, 5]));
        Assert.Equal([-1, -1, 1, 1, 0], Enumerable.Range(0, 5).Select(k => Weights.ReadoutWeight[k, 6]));
        Assert.Equal(-2, Weights.ReadoutWeight[4, 4]);
        Assert.Equal(1, Weights.ReadoutBias[4]);
        Assert.All(Enumerable.Range(7, 6), neuron => Assert.Equal(0, Weights.ReadoutWeight[0, neuron]));
    }

    [Fact]
    public void InitialState_RegisterEmptyOthersLow()
    {
        Assert.Equal([-1, -1, -1, -1, -1, 0, 0, -1, 0, 0, -1, 0, 0], Weights.InitialState);
    }

    [Fact]
    public void NegatedReadout_FlipsSymbolRows()
    {
        var network = BlockNetworks.Compile(Spec.Replace("readout = buf", "readout = -buf", StringComparison.Ordinal));

        Assert.Equal(1, network.Weights.ReadoutWeight[0, 5]);
        Assert.Equal(-2, network.Weights.ReadoutWeight[4, 4]);
    }

    [Theory]
    [InlineData("both", 10.0, 1.0)]
    [InlineData("encode", -10.0, 1.0)]
    [InlineData("decode", 10.0, -1.0)]
    public void ClockRun_SetsRestartAndStart(string run, double delimiterWeight, double startValue)
    {
        var text = $$"""
            task copy { kind = vdcm  K = 2  S = 3  T = 2 }
            network net for copy {
                clock clk { size = S + 1  run = {{run}} }
                latch dec { set = delim }
                shift_register buf { source = symbols  shift = any(symbols, dec) }
                readout = buf
            }
            """;

        var weights = BlockNetworks.Compile(text).Weights;

        // c_S is neuron 3, and the delimiter is input 3 (K = 2).
        Assert.Equal(delimiterWeight, weights.WeightIh[weights.GateOffset(Gate.Candidate) + 3, 3]);
        Assert.Equal(startValue, weights.InitialState[2]);
    }
}
