using GateLang.Model;
using GateLang.Semantics;
using GateLang.Tests.Semantics;

namespace GateLang.Tests.Blocks;

/// <summary>Overrides change exactly the entries their selectors name, after lowering and in order.</summary>
public sealed class OverrideTests
{
    private static GruWeights Compile(string overrides) =>
        BlockNetworks.Compile(DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "readout = mem, clk, sw\n" + overrides, StringComparison.Ordinal)).Weights;

    private static readonly GruWeights Plain = Compile("");

    // ValidSpec: S = 4, so mem is neurons 0…3, clk 4…8 and sw 9; d = 10.
    private static int Row(Gate gate, int neuron) => (int)gate * 10 + neuron;

    [Fact]
    public void ScaleOfBlocks_EqualsLiteralEraseGain()
    {
        var scaled = Compile("override z.hh[mem, clk] *= 0.5");
        var literal = BlockNetworks.Compile(DiagnosticCases.ValidSpec.Replace("ratio = 3", "ratio = 3  erase_gain = 1", StringComparison.Ordinal)).Weights;

        Assert.Equal(literal.WeightHh.Data, scaled.WeightHh.Data);
        Assert.Equal(literal.WeightIh.Data, scaled.WeightIh.Data);
        Assert.Equal(literal.BiasHh, scaled.BiasHh);
    }

    [Fact]
    public void AssignOneEntry_ChangesOnlyIt()
    {
        var changed = Compile("override z.hh[mem[3], clk[1]] = -25");

        Assert.Equal(-25, changed.WeightHh[Row(Gate.Update, 3), 5]);
        var differences = Enumerable.Range(0, changed.WeightHh.Data.Length).Count(i => changed.WeightHh.Data[i] != Plain.WeightHh.Data[i]);
        Assert.Equal(1, differences);
    }

    [Fact]
    public void RangeSelector_IsInclusive()
    {
        var changed = Compile("override n.bias_hh[clk[1..S-1]] = -5");

        Assert.Equal([-3, -5, -5, -5, -3], Enumerable.Range(4, 5).Select(neuron => changed.BiasHh[Row(Gate.Candidate, neuron)]));
    }

    [Fact]
    public void InputAndClassSelectors_UseNames()
    {
        var changed = Compile("override n.ih[sw, symbols] = 0\noverride readout.bias[blank] *= 2\noverride readout[A, mem[0]] = 7");

        Assert.Equal([0, 0, 10, 10], Enumerable.Range(0, 4).Select(input => changed.WeightIh[Row(Gate.Candidate, 9), input]));
        Assert.Equal(2 * Plain.ReadoutBias[2], changed.ReadoutBias[2]);
        Assert.Equal(7, changed.ReadoutWeight[0, 0]);
    }

    [Fact]
    public void LaterOverride_SeesEarlierOne()
    {
        var changed = Compile("override r.bias_ih[sw] = 2\noverride r.bias_ih[sw] *= 3");

        Assert.Equal(6, changed.BiasIh[Row(Gate.Reset, 9)]);
    }

    [Fact]
    public void OverrideValue_MayUseLets()
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "let w = -2 * alpha\nreadout = mem, clk, sw\noverride z.hh[mem[0], clk[3]] = w", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(-20, BlockNetworks.Compile(text).Weights.WeightHh[Row(Gate.Update, 0), 7]);
    }

    [Theory]
    [InlineData("override n.ih[sw, delim[0]] = 1", "GL0103")]
    [InlineData("override readout[delim, mem] = 1", "GL0102")]
    [InlineData("override z.hh[mem[2..1], clk] = 1", "GL0103")]
    [InlineData("override z.hh[mem[0.5], clk] = 1", "GL0103")]
    [InlineData("override readout.bias[blank, mem] = 1", "GL0101")]
    [InlineData("override z.hh[mem, clk] = any(1)", "GL0090")]
    public void InvalidSelector_ReportsOneError(string statement, string code)
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "readout = mem, clk, sw\n" + statement, StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
        Assert.Empty(result.Networks);
    }
}
