using GateLang.Ir;
using GateLang.Semantics;

namespace GateLang.Tests.Semantics;

public class TrainSectionTests
{
    [Fact]
    public void TrainOnlyNetworkBindsWithDefaults()
    {
        const string text = """
            task copy8 { kind = vdcm  K = 8  S = 10  T = 100..120  seed = 7 }
            network paper for copy8 { train { hidden = 250 } }
            """;

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var network = Assert.Single(result.Networks);
        Assert.Empty(network.Blocks);
        var training = Assert.IsType<TrainingDefinition>(network.Training);
        Assert.Equal(250, training.HiddenSize);
        Assert.Equal(Architecture.Gru, training.Architecture);
        Assert.Equal(Initialization.Default, training.Initialization);
        Assert.Equal(1e-3, training.LearningRate);
        Assert.Equal(LearningRateSchedule.Constant, training.Schedule);
        Assert.Equal(200, training.BatchSize);
        Assert.Equal(200, training.Epochs);
        Assert.Equal(1.0, training.GradientClip);
        Assert.Equal(10_000, training.TrainTrials);
        Assert.Equal(1000, training.ValidationTrials);
        Assert.Equal(7, training.Seed);
        Assert.False(training.Float64);
        Assert.Equal(10, training.CheckpointEvery);
    }

    [Fact]
    public void TrainSettingsAreRead()
    {
        const string text = """
            task copy { kind = vdcm  K = 3  S = 4  T = 5..8 }
            network small for copy {
                let width = 16
                train {
                    hidden = 2 * width  arch = lstm  init = orthogonal  lr = 0.01  schedule = step
                    gamma = 0.25  step_epochs = 5  batch = 32  epochs = 12  clip = 0
                    train_trials = 640  validation_trials = 100  seed = 3  precision = f64  checkpoint_every = 4
                }
            }
            """;

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var training = result.Networks[0].Training!;
        Assert.Equal(32, training.HiddenSize);
        Assert.Equal(Architecture.Lstm, training.Architecture);
        Assert.Equal(Initialization.Orthogonal, training.Initialization);
        Assert.Equal(0.01, training.LearningRate);
        Assert.Equal(LearningRateSchedule.Step, training.Schedule);
        Assert.Equal(0.25, training.Gamma);
        Assert.Equal(5, training.StepEpochs);
        Assert.Equal(32, training.BatchSize);
        Assert.Equal(12, training.Epochs);
        Assert.Equal(0, training.GradientClip);
        Assert.Equal(640, training.TrainTrials);
        Assert.Equal(100, training.ValidationTrials);
        Assert.Equal(3, training.Seed);
        Assert.True(training.Float64);
        Assert.Equal(4, training.CheckpointEvery);
    }

    [Fact]
    public void SyntheticInitTakesBlockSize()
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "train { init = synthetic  noise = 0.05 }  readout = mem, clk, sw", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var training = result.Networks[0].Training!;
        Assert.Equal(10, training.HiddenSize);
        Assert.Equal(Initialization.Synthetic, training.Initialization);
        Assert.Equal(0.05, training.NoiseSigma);
    }

    [Fact]
    public void SecondTrainSectionIsReported()
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "readout = mem, clk, sw  train { }  train { }", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GL0018", diagnostic.Code);
    }

    [Fact]
    public void TrainOnlyNetworkDoesNotNeedBinaryTask()
    {
        const string text = """
            task copy8 { kind = vdcm  K = 8  S = 10  T = 100..120 }
            network paper for copy8 { train { hidden = 250 } }
            network broken for copy8 { }
            """;

        var result = SpecCompiler.CheckText(text, "spec.gate");

        // The empty network still needs blocks; the train-only one is accepted.
        Assert.All(result.Diagnostics, d => Assert.Equal(3, d.Location.Line));
        Assert.Contains(result.Diagnostics, d => d.Code == "GL0050");
    }

    [Fact]
    public void UnclosedTrainSectionGivesOneDiagnostic()
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "train { epochs = 3\n  readout = mem, clk, sw", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GL0005", diagnostic.Code);
        Assert.Contains("train section of network 'net'", diagnostic.Message);
    }
}
