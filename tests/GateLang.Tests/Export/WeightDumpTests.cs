using GateLang.Export;
using GateLang.Model;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Export;

public sealed class WeightDumpTests
{
    [Theory]
    [InlineData(0.0, ".")]
    [InlineData(10.0, "10")]
    [InlineData(-20.0, "-20")]
    [InlineData(1.0 / 3.0, "0.333333")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1234567.0, "1.23457e+06")]
    public void FormatValueCases(double value, string expected)
    {
        Assert.Equal(expected, WeightDump.FormatValue(value));
    }

    [Fact]
    public void NegativeZeroPrintsAsZeroMark()
    {
        Assert.Equal(WeightDump.ZeroMark, WeightDump.FormatValue(-0.0));
    }

    [Fact]
    public void SmallestMemoryWeightIsFaithful()
    {
        Assert.Equal("1.69351e-05", WeightDump.FormatValue(Math.Pow(3, -10)));
    }

    [Fact]
    public void DumpIsDeterministic()
    {
        var first = WeightDump.Format(BinaryCopyNetworks.Compile(3));
        var second = WeightDump.Format(BinaryCopyNetworks.Compile(3));

        Assert.Equal(first, second);
    }

    [Fact]
    public void DumpHasLfAndNoTrailingSpaces()
    {
        var dump = WeightDump.Format(BinaryCopyNetworks.Compile(3));

        Assert.DoesNotContain('\r', dump);
        Assert.EndsWith("\n", dump, StringComparison.Ordinal);
        Assert.All(dump.Split('\n'), line => Assert.False(line.EndsWith(' '), $"Line '{line}' ends with a space."));
    }

    [Fact]
    public void SectionsCoverEveryGateAndTensor()
    {
        var dump = WeightDump.Format(BinaryCopyNetworks.Compile(3));

        Assert.Contains("== gru.weight_ih_l0 rows 0..7: W_ir,", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.weight_ih_l0 rows 8..15: W_iz,", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.weight_ih_l0 rows 16..23: W_in,", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.weight_hh_l0 rows 0..7: W_hr,", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.weight_hh_l0 rows 8..15: W_hz,", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.weight_hh_l0 rows 16..23: W_hn,", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.bias_ih_l0: b_ih, added to W_ih x; its n part is added outside the reset gate ==", dump, StringComparison.Ordinal);
        Assert.Contains("== gru.bias_hh_l0: b_hh, added to W_hh h; its n part is multiplied by the reset gate r ==", dump, StringComparison.Ordinal);
        Assert.Contains("== readout.weight: V,", dump, StringComparison.Ordinal);
        Assert.Contains("== readout.bias: c ==", dump, StringComparison.Ordinal);
        Assert.Contains("== h0: ", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsAndColumnsCarryLabels()
    {
        var lines = WeightDump.Format(BinaryCopyNetworks.Compile(3)).Split('\n');

        // mem[2] (m_3) is written and erased when c_0 is high: W_hz[mem[2], clk[0]] = −erase gain · α = −20.
        var header = Array.FindIndex(lines, line => line.StartsWith("== gru.weight_hh_l0 rows 8..15: W_hz,", StringComparison.Ordinal));
        var columns = lines[header + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["mem[0]", "mem[1]", "mem[2]", "clk[0]", "clk[1]", "clk[2]", "clk[3]", "sw[0]"], columns);

        var row = lines.Skip(header + 2).First(line => line.StartsWith("z mem[2] ", StringComparison.Ordinal));
        var cells = row["z mem[2]".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([".", ".", ".", "-20", ".", ".", ".", "."], cells);
    }

    [Fact]
    public void SmallWeightsAppearInCandidateRows()
    {
        var dump = WeightDump.Format(BinaryCopyNetworks.Compile(10));

        Assert.Contains("n mem[9]   1.69351e-05  -1.69351e-05", dump, StringComparison.Ordinal);
    }

    [Fact]
    public void DumpWithoutTitleUsesDefaultLabels()
    {
        var weights = new GruWeights(inputSize: 2, hiddenSize: 1, outputSize: 1);
        weights.WeightIh[2, 1] = 0.5;

        var dump = WeightDump.Format(weights);

        Assert.StartsWith("# GateLang weight dump\n", dump, StringComparison.Ordinal);
        Assert.Contains("n h0   .  0.5", dump, StringComparison.Ordinal);
    }
}
