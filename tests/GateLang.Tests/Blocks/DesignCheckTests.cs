using System.Globalization;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Blocks;

/// <summary>
/// Each design-check warning predicts a real failure: the warned spec fails in simulation,
/// and a spec just inside the limit has no warning and is exact.
/// </summary>
public sealed class DesignCheckTests
{
    private const int A = 0;
    private const int B = 1;

    private static string MemorySpec(int length, double ratio, double eraseGain = 2) => $$"""
        task copy { kind = vdcm  K = 2  S = {{length}}  T = 2 }
        network net for copy {
            memory mem { size = S  ratio = {{ratio.ToString(CultureInfo.InvariantCulture)}}  erase_gain = {{eraseGain.ToString(CultureInfo.InvariantCulture)}}  write = clk }
            clock clk { size = S + 1 }
            switch sw { }
            readout = mem, clk, sw
        }
        """;

    private static string QueueSpec(double alpha)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "vdcm-k8-s10.gate"));
        return text.Replace("alpha = 10", $"alpha = {alpha.ToString(CultureInfo.InvariantCulture)}  beta = 1", StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> WarningCodes(string text) =>
        SpecCompiler.CheckText(text, "spec.gate").Diagnostics.Select(diagnostic => diagnostic.Code).ToList();

    [Fact]
    public void EraseLeftovers_WarnedAtFifteenAndFail()
    {
        // Steps 1 to 13 leave +leftovers, and they outweigh the margin by which m_14 (B) beats m_15 (A).
        var text = MemorySpec(15, 3);
        int[] symbols = [.. Enumerable.Repeat(A, 13), B, A];

        var result = BlockNetworks.EvaluateOne(BlockNetworks.Compile(text), Precision.Float64, symbols, delay: 2);

        Assert.Equal(["GL0072"], WarningCodes(text));
        Assert.True(result.ExactSequenceAccuracy < 1, $"minimum margin {result.MinMargin}");
    }

    [Fact]
    public void EraseLeftovers_FourteenSilentAndExact()
    {
        var text = MemorySpec(14, 3);

        var result = BlockNetworks.EvaluateAll(BlockNetworks.Compile(text), Precision.Float64, 2);

        Assert.Empty(WarningCodes(text));
        Assert.Equal(1.0, result.ExactSequenceAccuracy);
    }

    [Fact]
    public void RatioTwo_WarnedAtFiveAndFails()
    {
        // tanh(1/2) = 0.4621 is below tanh(1/4) + tanh(1/8) + tanh(1/16) + tanh(1/32) = 0.4629.
        var text = MemorySpec(5, 2);

        var result = BlockNetworks.EvaluateOne(BlockNetworks.Compile(text), Precision.Float64, [A, B, B, B, B], delay: 2);

        Assert.Equal(["GL0072"], WarningCodes(text));
        Assert.True(result.ExactSequenceAccuracy < 1, $"minimum margin {result.MinMargin}");
    }

    [Fact]
    public void RatioTwo_FourSilentAndExact()
    {
        var text = MemorySpec(4, 2);

        var result = BlockNetworks.EvaluateAll(BlockNetworks.Compile(text), Precision.Float64, 2);

        Assert.Empty(WarningCodes(text));
        Assert.Equal(1.0, result.ExactSequenceAccuracy);
    }

    [Fact]
    public void SmallAlpha_WarnedAndFails()
    {
        // α = 3: a held neuron drifts by 29 % of its gap over the 140 steps of the longest trial.
        var text = QueueSpec(3);

        var result = BlockNetworks.Evaluate(BlockNetworks.Compile(text), Precision.Float64, trials: 100);

        Assert.Equal(["GL0073", "GL0073"], WarningCodes(text));
        Assert.True(result.ExactSequenceAccuracy < 1, $"exact-sequence accuracy {result.ExactSequenceAccuracy}");
    }

    [Fact]
    public void AlphaFour_SilentAndExact()
    {
        // α = 4 is just above the smallest silent value, 3.95 for 140 steps.
        var text = QueueSpec(4);

        var result = BlockNetworks.Evaluate(BlockNetworks.Compile(text), Precision.Float64, trials: 300);

        Assert.Empty(WarningCodes(text));
        Assert.Equal(1.0, result.ExactSequenceAccuracy);
    }

    [Theory]
    [InlineData(2, 2, 4)]
    [InlineData(3, 2, 14)]
    [InlineData(4, 2, 11)]
    [InlineData(6, 2, 9)]
    [InlineData(2, 1, 4)]
    [InlineData(3, 1, 6)]
    [InlineData(4, 1, 5)]
    [InlineData(6, 1, 4)]
    public void Criterion_MatchesMeasuredLimits(double ratio, double eraseGain, int largest)
    {
        // The largest S from exhaustive runs with α = 10 and β = 3 (docs/synthetic-k2.md).
        var text = MemorySpec(largest, ratio, eraseGain);

        Assert.Empty(WarningCodes(text));
        Assert.Equal(["GL0072"], WarningCodes(MemorySpec(largest + 1, ratio, eraseGain)));
    }
}
