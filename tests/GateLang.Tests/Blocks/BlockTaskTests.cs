using GateLang.Simulation;

namespace GateLang.Tests.Blocks;

/// <summary>
/// The block-library networks solve their tasks: every sequence of short specs, and seeded
/// trials of the S = 10 examples, in both precisions, with the margins the readout promises.
/// </summary>
public sealed class BlockTaskTests
{
    private static string CopySpec(int symbols, int length) => $$"""
        task copy { kind = vdcm  K = {{symbols}}  S = {{length}}  T = 3..6 }
        network queue for copy {
            latch dec { set = delim }
            shift_register buf { source = symbols  shift = any(symbols, dec) }
            readout = buf
        }
        """;

    private static string ParitySpec(int length) => $$"""
        task parity { kind = parity  K = 2  S = {{length}}  T = 1..6 }
        network net for parity {
            toggle par { flip = B }
            switch enc { on = symbols }
            latch dec { set = delim }
            shift_register buf { source = par  shift = any(enc, dec) }
            readout = buf
        }
        """;

    private static string TranslateSpec(int length) => $$"""
        task translate { kind = translate  K = 2  S = {{length}}  T = 1..6 }
        network net for translate {
            latch last { set = B  reset = A }
            latch dec { set = delim }
            latch drop_fwd { set = all(delim, last) }
            latch drop_rev { set = all(delim, -last) }
            clock clk { size = S + 1 }
            shift_register fwd { source = symbols  shift = any(symbols, dec)  clear = drop_fwd }
            shift_register rev { source = symbols  load = clk  load_order = reverse  shift = dec  clear = drop_rev }
            readout = rev, -fwd
        }
        """;

    [Theory]
    [InlineData(3, 4, Precision.Float32)]
    [InlineData(3, 4, Precision.Float64)]
    [InlineData(8, 3, Precision.Float64)]
    [InlineData(5, 4, Precision.Float64)]
    public void CopyQueue_EverySequenceExact(int symbols, int length, Precision precision)
    {
        var network = BlockNetworks.Compile(CopySpec(symbols, length));

        var result = BlockNetworks.EvaluateAll(network, precision, 1, 3, 6);

        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.True(result.MinMargin >= 0.9, $"minimum margin {result.MinMargin}");
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void Parity_EverySequenceExact(Precision precision)
    {
        var network = BlockNetworks.Compile(ParitySpec(6));

        var result = BlockNetworks.EvaluateAll(network, precision, 1, 2, 6);

        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.True(result.MinMargin >= 0.9, $"minimum margin {result.MinMargin}");
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void Translate_EverySequenceExact(Precision precision)
    {
        var network = BlockNetworks.Compile(TranslateSpec(6));

        var result = BlockNetworks.EvaluateAll(network, precision, 1, 2, 6);

        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.True(result.MinMargin >= 1.9, $"minimum margin {result.MinMargin}");
    }

    [Theory]
    [InlineData("vdcm-k8-s10.gate", 45)]
    [InlineData("parity-s10.gate", 25)]
    [InlineData("translate-s10.gate", 59)]
    public void Example_ExactWithinSizeTarget(string example, int hiddenSize)
    {
        var network = BlockNetworks.CompileExample(example);

        var result = BlockNetworks.Evaluate(network, Precision.Float32, trials: 200);

        Assert.Equal(hiddenSize, network.Weights.HiddenSize);
        Assert.True(hiddenSize <= 64, $"hidden size {hiddenSize}");
        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.True(result.MinMargin >= 0.5, $"minimum margin {result.MinMargin}");
    }

    [Theory]
    [InlineData("vdcm-k8-s10.gate")]
    [InlineData("parity-s10.gate")]
    [InlineData("translate-s10.gate")]
    public void Example_HoldsThroughLongDelay(string example)
    {
        var network = BlockNetworks.CompileExample(example);

        var result = BlockNetworks.Evaluate(network, Precision.Float32, trials: 3, delay: 10_000);

        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.True(result.MinMargin >= 0.9, $"minimum margin {result.MinMargin}");
    }

    [Fact]
    public void CopyMargin_IndependentOfLength()
    {
        var short4 = BlockNetworks.Evaluate(BlockNetworks.Compile(CopySpec(4, 4)), Precision.Float64, trials: 200);
        var long30 = BlockNetworks.Evaluate(BlockNetworks.Compile(CopySpec(4, 30)), Precision.Float64, trials: 200);

        Assert.Equal(1.0, long30.ExactSequenceAccuracy);
        Assert.Equal(short4.MinMargin, long30.MinMargin, 3);
    }

    [Fact]
    public void OneHotMemory_SolvesThreeSymbols()
    {
        const string text = """
            task copy { kind = vdcm  K = 3  S = 5  T = 3..6 }
            network geometric for copy {
                memory mem { size = S * K  ratio = 3  write = clk }
                clock clk { size = S + 1 }
                switch sw { }
                readout = mem, clk, sw
            }
            """;

        var result = BlockNetworks.EvaluateAll(BlockNetworks.Compile(text), Precision.Float64, 3, 6);

        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.True(result.MinMargin > 0, $"minimum margin {result.MinMargin}");
    }
}
