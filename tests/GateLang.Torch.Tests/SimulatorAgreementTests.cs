using GateLang.Ir;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Torch.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GateLang.Torch.Tests;

/// <summary>TorchSharp's GRU on compiled weights against GateLang's C# simulator.</summary>
[Collection(TorchStateCollection.Name)]
public class SimulatorAgreementTests
{
    private readonly ITestOutputHelper _output;

    public SimulatorAgreementTests(ITestOutputHelper output)
    {
        _output = output;
        TorchRuntime.EnsureLoaded();
    }

    [Theory]
    [InlineData(true, 1e-9)]
    [InlineData(false, 1e-5)]
    public void HiddenStatesMatchSimulator(bool float64, double tolerance)
    {
        var compiled = TestNetworks.CompileBinary(10);
        var trials = new TrialGenerator(compiled.Task, seed: 3).Take(16).ToList();
        using var network = SyntheticNetwork(compiled, float64);

        var worst = 0.0;
        foreach (var trial in trials)
        {
            var expected = float64 ? SimulateStates<double>(compiled.Weights, compiled.Task, trial) : SimulateStates<float>(compiled.Weights, compiled.Task, trial);
            var actual = TorchStates(network, compiled.Task, trial);
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
            }
        }

        _output.WriteLine($"{(float64 ? "float64" : "float32")}: max |h_torch − h_simulator| = {worst:E3} over 16 trials of S = 10, T = 100..120");
        Assert.True(worst <= tolerance, $"max |h_torch − h_simulator| = {worst:E3} over every step, above {tolerance:E0}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SyntheticModuleScoresPerfectBeforeTraining(bool float64)
    {
        var compiled = TestNetworks.CompileBinary(10);
        using var network = SyntheticNetwork(compiled, float64);
        var trials = new TrialGenerator(compiled.Task, compiled.Task.Seed).Take(300).ToList();

        var score = ValidationScorer.Score(network, compiled.Task, trials);

        Assert.Equal(1.0, score.ExactSequenceAccuracy);
        Assert.Equal(1.0, score.PerStepAccuracy);
        Assert.True(score.MinMargin > 0, $"minimum margin {score.MinMargin}");
    }

    [Theory]
    [InlineData(Initialization.Synthetic)]
    [InlineData(Initialization.Default)]
    public void ScorerMatchesEvaluator(Initialization initialization)
    {
        var compiled = TestNetworks.CompileBinary(4, "3..9");
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize) with
        {
            Initialization = initialization,
            NoiseSigma = initialization == Initialization.Synthetic ? 0.3 : 0,
            Float64 = true,
            Seed = 4,
        };
        using var network = RecurrentNetworkFactory.Create(compiled.Task, training, compiled);
        var trials = new TrialGenerator(compiled.Task, 9).Take(400).ToList();

        var torchScore = ValidationScorer.Score(network, compiled.Task, trials);
        var simulatorScore = Evaluator.Evaluate(network.ToGruWeights(), compiled.Task, trials, Precision.Float64);

        Assert.Equal(simulatorScore.Steps, torchScore.Steps);
        Assert.Equal(simulatorScore.PerStepAccuracy, torchScore.PerStepAccuracy);
        Assert.Equal(simulatorScore.ExactSequenceAccuracy, torchScore.ExactSequenceAccuracy);
        Assert.Equal(simulatorScore.DecodingStepAccuracy, torchScore.DecodingStepAccuracy);
        Assert.Equal(simulatorScore.MemorylessCrossEntropy, torchScore.MemorylessCrossEntropy, 1e-12);
        Assert.Equal(simulatorScore.CrossEntropy, torchScore.CrossEntropy, 1e-9);
        Assert.Equal(simulatorScore.MinMargin, torchScore.MinMargin, 1e-9);
        Assert.Equal(simulatorScore.MinMarginAt.TrialIndex, torchScore.MinMarginAt.TrialIndex);
        Assert.Equal(simulatorScore.MinMarginAt.Step, torchScore.MinMarginAt.Step);
        Assert.Equal(simulatorScore.FirstFailure?.At.TrialIndex, torchScore.FirstFailure?.At.TrialIndex);
        Assert.Equal(simulatorScore.FirstFailure?.At.Step, torchScore.FirstFailure?.At.Step);
        Assert.Equal(simulatorScore.FirstFailure?.Output, torchScore.FirstFailure?.Output);
    }

    private static RecurrentNetwork SyntheticNetwork(Compilation.CompiledNetwork compiled, bool float64)
    {
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize) with { Initialization = Initialization.Synthetic, Float64 = float64 };
        return RecurrentNetworkFactory.Create(compiled.Task, training, compiled);
    }

    /// <summary>Returns h_1 … h_L of one trial from the C# simulator, row by row, widened to double.</summary>
    private static double[] SimulateStates<T>(Model.GruWeights weights, TaskDefinition task, Trial trial)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var simulator = new GruSimulator<T>(weights);
        var d = weights.HiddenSize;
        var length = VdcmLayout.TrialLength(trial);
        var state = new T[d];
        var scratch = new T[6 * d];
        var states = new double[length * d];
        simulator.CopyInitialState(state);
        for (var t = 0; t < length; t++)
        {
            simulator.Step(state, VdcmLayout.InputAt(trial, task.Symbols, t), scratch);
            for (var i = 0; i < d; i++)
            {
                states[t * d + i] = double.CreateChecked(state[i]);
            }
        }

        return states;
    }

    private static double[] TorchStates(RecurrentNetwork network, TaskDefinition task, Trial trial)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batch = TrialBatch.Create([trial], task, network.Dtype);
        return RecurrentNetwork.ReadValues(network.HiddenStates(batch.Inputs));
    }
}
