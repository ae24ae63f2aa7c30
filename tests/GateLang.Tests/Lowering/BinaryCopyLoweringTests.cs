using GateLang.Compilation;
using GateLang.Ir;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Tests.Lowering;

public class BinaryCopyLoweringTests
{
    internal static CompiledNetwork CompileBinary(int length, double ratio = 3, double eraseGain = 2, string delay = "100..120")
    {
        var text = $$"""
            task copy { kind = vdcm  K = 2  S = {{length}}  T = {{delay}}  seed = 1 }
            network binary for copy {
                alpha = 10  beta = 3
                memory mem { size = S  ratio = {{ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}}  erase_gain = {{eraseGain.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }
                clock clk { size = S + 1 }
                switch sw { }
                readout = mem, clk, sw
            }
            """;
        var result = SpecCompiler.CheckText(text, "binary.gate");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return NetworkCompiler.Compile(Assert.Single(result.Networks));
    }

    private static EvaluationResult Evaluate(CompiledNetwork network, Precision precision, int trials, int? delay = null) =>
        Evaluator.Evaluate(network.Weights, network.Task, new TrialGenerator(network.Task, 1, delay, delay).Take(trials), precision);

    [Theory]
    [InlineData(2, Precision.Float32)]
    [InlineData(2, Precision.Float64)]
    [InlineData(10, Precision.Float32)]
    [InlineData(10, Precision.Float64)]
    public void CompiledNetworkSolvesTask(int length, Precision precision)
    {
        var network = CompileBinary(length);

        var result = Evaluate(network, precision, trials: 1000);

        Assert.Equal(1.0, result.ExactSequenceAccuracy);
        Assert.Equal(1.0, result.PerStepAccuracy);
        Assert.True(result.MinMargin > 0, $"minimum margin {result.MinMargin}");
    }

    [Fact]
    public void LiteralEraseGainFailsAtLengthTen()
    {
        // The documented deviation: with G12 = −α an erased neuron keeps σ(−6) of its value,
        // which outweighs 3^−S from S = 7 on.
        var literal = Evaluate(CompileBinary(10, eraseGain: 1), Precision.Float64, trials: 500);
        var literalShort = Evaluate(CompileBinary(6, eraseGain: 1), Precision.Float64, trials: 500);

        Assert.True(literal.ExactSequenceAccuracy < 0.5, $"exact-sequence accuracy {literal.ExactSequenceAccuracy}");
        Assert.Equal(1.0, literalShort.ExactSequenceAccuracy);
    }

    [Theory]
    [InlineData(1.0, 2.0e-3, 3.0e-3)]
    [InlineData(2.0, 1.0e-7, 1.0e-6)]
    public void EraseLeavesSmallFractionOfValue(double eraseGain, double minFraction, double maxFraction)
    {
        var network = CompileBinary(4, eraseGain: eraseGain);
        var trial = new Trial([0, 1, 0, 1], Delay: 5);
        var states = Trace(network, trial);
        var firstMemory = network.Definition.Blocks.Single(b => b.Kind == BlockKind.Memory).Offset;

        // m_1 is erased at decoding step 1, time S + T + 1 = 10.
        var before = states[9][firstMemory];
        var after = states[10][firstMemory];

        Assert.InRange(Math.Abs(after / before), minFraction, maxFraction);
    }

    [Fact]
    public void MemoryNeuronIsWrittenAtItsEncodingStep()
    {
        var network = CompileBinary(4);
        var trial = new Trial([0, 1, 1, 0], Delay: 5);
        var states = Trace(network, trial);
        var memory = network.Definition.Blocks.Single(b => b.Kind == BlockKind.Memory);

        for (var i = 1; i <= 4; i++)
        {
            var sign = trial.Symbols[i - 1] == 0 ? 1.0 : -1.0;
            var written = states[i - 1][memory.Offset + i - 1];
            Assert.Equal(sign * Math.Tanh(Math.Pow(3, -i)), written, 6);
        }
    }

    [Fact]
    public void ClockHighNeuronMovesOnePlacePerStep()
    {
        var network = CompileBinary(4);
        var trial = new Trial([0, 1, 1, 0], Delay: 5);
        var states = Trace(network, trial);
        var clock = network.Definition.Blocks.Single(b => b.Kind == BlockKind.Clock);

        int? HighNeuron(double[] state)
        {
            var high = Enumerable.Range(0, clock.Size).Where(j => state[clock.Offset + j] > 0.5).ToList();
            Assert.True(high.Count <= 1, $"several clock neurons high: {string.Join(",", high)}");
            return high.Count == 0 ? null : high[0];
        }

        // Encoding: h_t has c_{S−2−t} high; h_{S−1} has none.
        Assert.Equal(2, HighNeuron(states[0]));
        Assert.Equal(1, HighNeuron(states[1]));
        Assert.Equal(0, HighNeuron(states[2]));
        Assert.Null(HighNeuron(states[3]));
        Assert.Null(HighNeuron(states[6]));

        // The delimiter at t = S + T − 1 = 8 sets c_S, then decoding step k has c_{S−1−k}.
        Assert.Equal(4, HighNeuron(states[8]));
        Assert.Equal(3, HighNeuron(states[9]));
        Assert.Equal(0, HighNeuron(states[12]));
    }

    [Fact]
    public void LongDelayIsHeld()
    {
        var network = CompileBinary(10);

        var result32 = Evaluate(network, Precision.Float32, trials: 20, delay: 10_000);
        var result64 = Evaluate(network, Precision.Float64, trials: 20, delay: 10_000);

        Assert.Equal(1.0, result32.ExactSequenceAccuracy);
        Assert.Equal(1.0, result64.ExactSequenceAccuracy);
    }

    [Fact]
    public void WeightsFollowTorchShapes()
    {
        var weights = CompileBinary(3).Weights;

        Assert.Equal(8, weights.HiddenSize);
        Assert.Equal((24, 4), (weights.WeightIh.Rows, weights.WeightIh.Columns));
        Assert.Equal((24, 8), (weights.WeightHh.Rows, weights.WeightHh.Columns));
        Assert.Equal(24, weights.BiasIh.Length);
        Assert.Equal(24, weights.BiasHh.Length);
        Assert.Equal((3, 8), (weights.ReadoutWeight.Rows, weights.ReadoutWeight.Columns));
        Assert.Equal(["mem[0]", "mem[1]", "mem[2]", "clk[0]", "clk[1]", "clk[2]", "clk[3]", "sw[0]"], weights.HiddenLabels);
        Assert.Equal(["A", "B", "blank", "delim"], weights.InputLabels);
        Assert.Equal([0, 0, 0, -1, -1, 1, -1, -1], weights.InitialState);
    }

    /// <summary>Runs one trial in float64 and returns h_t for every step t.</summary>
    internal static double[][] Trace(CompiledNetwork network, Trial trial)
    {
        var simulator = new GruSimulator<double>(network.Weights);
        var state = new double[simulator.HiddenSize];
        var scratch = new double[6 * simulator.HiddenSize];
        simulator.CopyInitialState(state);
        var states = new double[VdcmLayout.TrialLength(trial)][];
        for (var t = 0; t < states.Length; t++)
        {
            simulator.Step(state, VdcmLayout.InputAt(trial, network.Task.Symbols, t), scratch);
            states[t] = (double[])state.Clone();
        }

        return states;
    }
}
