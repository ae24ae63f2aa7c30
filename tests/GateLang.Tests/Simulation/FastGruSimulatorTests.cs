using System.Numerics;
using GateLang.Model;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Tests.Lowering;

namespace GateLang.Tests.Simulation;

public class FastGruSimulatorTests
{
    public static TheoryData<int, int, RecurrentProductFormat> Shapes()
    {
        var data = new TheoryData<int, int, RecurrentProductFormat>();
        foreach (var hidden in new[] { 1, 5, 22, 37 })
        {
            foreach (var lanes in new[] { 1, 3, 17, 70 })
            {
                data.Add(hidden, lanes, RecurrentProductFormat.Dense);
                data.Add(hidden, lanes, RecurrentProductFormat.Sparse);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ReferenceModeMatchesFloat64Bitwise(int hidden, int lanes, RecurrentProductFormat format)
    {
        var weights = FastTestNetworks.Dense(4, hidden, 3, seed: (hidden * 100) + lanes, scale: 2);
        var inputs = FastTestNetworks.Inputs(4, lanes, 30, seed: lanes);

        AssertStepsMatchReference<double>(weights, inputs, lanes, 30, format);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ReferenceModeMatchesFloat32Bitwise(int hidden, int lanes, RecurrentProductFormat format)
    {
        var weights = FastTestNetworks.Dense(4, hidden, 3, seed: (hidden * 100) + lanes + 7, scale: 2);
        var inputs = FastTestNetworks.Inputs(4, lanes, 30, seed: lanes + 7);

        AssertStepsMatchReference<float>(weights, inputs, lanes, 30, format);
    }

    [Theory]
    [InlineData(RecurrentProductFormat.Dense)]
    [InlineData(RecurrentProductFormat.Sparse)]
    public void MostlyZeroWeightsMatchBitwise(RecurrentProductFormat format)
    {
        // Zero rows, a −0 bias and a zero initial state test the signs of zero sums.
        var weights = FastTestNetworks.Dense(3, 40, 4, seed: 11, scale: 3, zeroFraction: 0.9);
        for (var column = 0; column < 40; column++)
        {
            weights.WeightHh[5, column] = 0;
            weights.WeightHh[45, column] = 0;
        }

        weights.BiasHh[5] = -0.0;
        weights.BiasIh[45] = -0.0;
        Array.Clear(weights.InitialState);
        var inputs = FastTestNetworks.Inputs(3, 33, 25, seed: 12);

        AssertStepsMatchReference<double>(weights, inputs, 33, 25, format);
        AssertStepsMatchReference<float>(weights, inputs, 33, 25, format);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(18)]
    public void SharedArgumentsMatchBitwise(int differentLane)
    {
        // All 19 lanes get the same inputs, so σ and tanh see the same argument in every lane and
        // are computed once, until one lane's input differs at step 10.
        const int lanes = 19;
        const int steps = 20;
        var weights = FastTestNetworks.Dense(4, 9, 3, seed: 41, scale: 2);
        var shared = FastTestNetworks.Inputs(4, 1, steps, seed: 42);
        var inputs = new int[lanes * steps];
        for (var lane = 0; lane < lanes; lane++)
        {
            shared.CopyTo(inputs, lane * steps);
        }

        inputs[(differentLane * steps) + 10] = (shared[10] + 1) % 4;

        AssertStepsMatchReference<double>(weights, inputs, lanes, steps, RecurrentProductFormat.Dense);
        AssertStepsMatchReference<float>(weights, inputs, lanes, steps, RecurrentProductFormat.Dense);
    }

    [Fact]
    public void AutoFormatPicksSparseForCompiledNetwork()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(10);

        var simulator = new BatchGruSimulator<float>(network.Weights);
        var dense = new BatchGruSimulator<float>(FastTestNetworks.Dense(4, 22, 3, seed: 1));

        Assert.Equal(RecurrentProductFormat.Sparse, simulator.RecurrentProduct);
        Assert.Equal(RecurrentProductFormat.Dense, dense.RecurrentProduct);
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void CompiledNetworkMatchesBitwise(Precision precision)
    {
        var network = BinaryCopyLoweringTests.CompileBinary(10);
        var trials = new TrialGenerator(network.Task, seed: 5).Take(40).ToArray();
        var steps = trials.Max(VdcmLayout.TrialLength);
        var blank = VdcmLayout.BlankInput(network.Task.Symbols);
        var inputs = new int[trials.Length * steps];
        for (var i = 0; i < trials.Length; i++)
        {
            for (var t = 0; t < steps; t++)
            {
                inputs[(i * steps) + t] = t < VdcmLayout.TrialLength(trials[i]) ? VdcmLayout.InputAt(trials[i], network.Task.Symbols, t) : blank;
            }
        }

        if (precision == Precision.Float32)
        {
            AssertStepsMatchReference<float>(network.Weights, inputs, trials.Length, steps, RecurrentProductFormat.Auto);
        }
        else
        {
            AssertStepsMatchReference<double>(network.Weights, inputs, trials.Length, steps, RecurrentProductFormat.Auto);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ForwardMatchesReferenceBitwise(int threads)
    {
        var weights = FastTestNetworks.Dense(4, 30, 3, seed: 21);
        const int trials = 150;
        const int steps = 40;
        var inputs = FastTestNetworks.Inputs(4, trials, steps, seed: 22);
        var logits = new double[trials * steps * 3];

        new BatchGruSimulator<double>(weights).Forward(inputs, trials, steps, logits, threads);

        var reference = ReferenceLogits<double>(weights, inputs, trials, steps);
        for (var i = 0; i < logits.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(reference[i]) == BitConverter.DoubleToInt64Bits(logits[i]), $"logit {i}: reference {reference[i]:R}, batched {logits[i]:R}");
        }
    }

    [Theory]
    [InlineData(22)]
    [InlineData(92)]
    public void VectorizedModeStaysWithinFloat32Tolerance(int hidden)
    {
        var weights = FastTestNetworks.Dense(4, hidden, 3, seed: hidden);
        const int trials = 40;
        const int steps = 140;
        var inputs = FastTestNetworks.Inputs(4, trials, steps, seed: hidden + 1);
        var logits = new float[trials * steps * 3];

        new BatchGruSimulator<float>(weights, NonlinearityMode.Vectorized).Forward(inputs, trials, steps, logits);

        var reference = ReferenceLogits<float>(weights, inputs, trials, steps);
        var maxError = MaxAbsoluteDifference(reference, logits);
        Assert.True(maxError <= VectorizedFloat32Tolerance, $"largest logit difference {maxError:G3}");
    }

    [Fact]
    public void VectorizedModeStaysWithinFloat64Tolerance()
    {
        var weights = FastTestNetworks.Dense(4, 40, 3, seed: 3);
        const int trials = 40;
        const int steps = 140;
        var inputs = FastTestNetworks.Inputs(4, trials, steps, seed: 4);
        var logits = new double[trials * steps * 3];

        new BatchGruSimulator<double>(weights, NonlinearityMode.Vectorized).Forward(inputs, trials, steps, logits);

        var reference = ReferenceLogits<double>(weights, inputs, trials, steps);
        var maxError = MaxAbsoluteDifference(reference, logits);
        Assert.True(maxError <= VectorizedFloat64Tolerance, $"largest logit difference {maxError:G3}");
    }

    [Fact]
    public void VectorizedModeKeepsCompiledNetworkOutputs()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(10);
        var trials = new TrialGenerator(network.Task, seed: 9, delayMin: 120, delayMax: 120).Take(64).ToArray();
        var steps = VdcmLayout.TrialLength(trials[0]);
        var inputs = new int[trials.Length * steps];
        for (var i = 0; i < trials.Length; i++)
        {
            for (var t = 0; t < steps; t++)
            {
                inputs[(i * steps) + t] = VdcmLayout.InputAt(trials[i], 2, t);
            }
        }

        var logits = new float[trials.Length * steps * 3];
        new BatchGruSimulator<float>(network.Weights, NonlinearityMode.Vectorized).Forward(inputs, trials.Length, steps, logits);

        var reference = ReferenceLogits<float>(network.Weights, inputs, trials.Length, steps);
        Assert.True(MaxAbsoluteDifference(reference, logits) <= VectorizedFloat32Tolerance);
        for (var i = 0; i < trials.Length; i++)
        {
            for (var t = 0; t < steps; t++)
            {
                var offset = ((i * steps) + t) * 3;
                var expected = Evaluator.ScoreOutput<float>(reference.AsSpan(offset, 3), VdcmLayout.TargetAt(trials[i], 2, t));
                var actual = Evaluator.ScoreOutput<float>(logits.AsSpan(offset, 3), VdcmLayout.TargetAt(trials[i], 2, t));
                Assert.Equal(expected.Output, actual.Output);
            }
        }
    }

    [Fact]
    public void StepRejectsInputOutsideRange()
    {
        var simulator = new BatchGruSimulator<double>(FastTestNetworks.Dense(4, 3, 2, seed: 1));
        var batch = simulator.CreateBatch(2);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Step(batch, [0, 4]));

        Assert.Contains("Input index 4", error.Message);
    }

    [Fact]
    public void StepRejectsWrongInputCount()
    {
        var simulator = new BatchGruSimulator<double>(FastTestNetworks.Dense(4, 3, 2, seed: 1));
        var batch = simulator.CreateBatch(2);

        var error = Assert.Throws<ArgumentException>(() => simulator.Step(batch, [0, 1, 2]));

        Assert.Contains("3 inputs were given for a batch of 2 lanes", error.Message);
    }

    /// <summary>Bounds on the logit error of the vectorized mode; the largest seen in these tests was 6e-8 (float32) and 1e-16 (float64).</summary>
    private const double VectorizedFloat32Tolerance = 1e-6;

    private const double VectorizedFloat64Tolerance = 1e-14;

    /// <summary>Steps a batch and one reference simulator per lane and compares states and logits bit for bit after every step.</summary>
    private static void AssertStepsMatchReference<T>(GruWeights weights, int[] inputs, int lanes, int steps, RecurrentProductFormat format)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var simulator = new BatchGruSimulator<T>(weights, NonlinearityMode.Reference, format);
        var batch = simulator.CreateBatch(lanes);
        simulator.Reset(batch);
        var reference = new GruSimulator<T>(weights);
        var states = new T[lanes][];
        for (var lane = 0; lane < lanes; lane++)
        {
            states[lane] = new T[weights.HiddenSize];
            reference.CopyInitialState(states[lane]);
        }

        var scratch = new T[6 * weights.HiddenSize];
        var expectedLogits = new T[weights.OutputSize];
        var actualLogits = new T[weights.OutputSize];
        var actualState = new T[weights.HiddenSize];
        var stepInputs = new int[lanes];
        for (var t = 0; t < steps; t++)
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                stepInputs[lane] = inputs[(lane * steps) + t];
            }

            // Every fourth step gives all lanes the first lane's input, which takes the broadcast path.
            if (t % 4 == 3)
            {
                Array.Fill(stepInputs, stepInputs[0]);
            }

            simulator.Step(batch, stepInputs);
            simulator.Readout(batch);
            for (var lane = 0; lane < lanes; lane++)
            {
                reference.Step(states[lane], stepInputs[lane], scratch);
                reference.Readout(states[lane], expectedLogits);
                batch.CopyHiddenState(lane, actualState);
                batch.CopyLogits(lane, actualLogits);
                AssertBitwise(states[lane], actualState, $"state, lane {lane}, step {t}");
                AssertBitwise(expectedLogits, actualLogits, $"logits, lane {lane}, step {t}");
            }
        }
    }

    private static void AssertBitwise<T>(T[] expected, T[] actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var i = 0; i < expected.Length; i++)
        {
            var expectedBits = BitConverter.DoubleToInt64Bits(double.CreateChecked(expected[i]));
            var actualBits = BitConverter.DoubleToInt64Bits(double.CreateChecked(actual[i]));
            Assert.True(expectedBits == actualBits, $"{what}, entry {i}: reference {expected[i]:R}, batched {actual[i]:R}");
        }
    }

    internal static T[] ReferenceLogits<T>(GruWeights weights, int[] inputs, int trials, int steps)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var simulator = new GruSimulator<T>(weights);
        var outputs = weights.OutputSize;
        var logits = new T[trials * steps * outputs];
        var state = new T[weights.HiddenSize];
        var scratch = new T[6 * weights.HiddenSize];
        for (var i = 0; i < trials; i++)
        {
            simulator.CopyInitialState(state);
            for (var t = 0; t < steps; t++)
            {
                simulator.Step(state, inputs[(i * steps) + t], scratch);
                simulator.Readout(state, logits.AsSpan(((i * steps) + t) * outputs, outputs));
            }
        }

        return logits;
    }

    private static double MaxAbsoluteDifference<T>(T[] expected, T[] actual)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var max = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(double.CreateChecked(expected[i]) - double.CreateChecked(actual[i])));
        }

        return max;
    }
}
