using System.Text.Json;
using GateLang.Export;
using GateLang.Ir;
using GateLang.IO;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GateLang.Torch.Tests.Training;

[Collection(TorchStateCollection.Name)]
public class TrainerTests
{
    public TrainerTests()
    {
        TorchRuntime.EnsureLoaded();
    }

    [Fact]
    public void LossDecreasesOnTinyTask()
    {
        using var folder = new TemporaryDirectory();
        var training = TestNetworks.Tiny(epochs: 8) with { HiddenSize = 16, BatchSize = 32, TrainTrials = 256, ValidationTrials = 200, CheckpointEvery = 8 };
        var epochs = new List<EpochMetrics>();

        var result = Trainer.Train(
            TestNetworks.Job(TestNetworks.TinyTask(), training),
            new TrainingOptions { RunDirectory = folder.Path, Threads = 1, Observer = new Recorder(epochs) });

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(9, epochs.Count);
        var first = epochs[1].TrainLoss!.Value;
        var last = epochs[^1].TrainLoss!.Value;
        Assert.True(last < 0.7 * first, $"training loss went from {first} to {last}");
        Assert.True(epochs[^1].Validation.CrossEntropy < epochs[0].Validation.CrossEntropy, "validation loss did not fall below that of the initial weights");
    }

    [Fact]
    public void MetricsLogHasOneLinePerEpoch()
    {
        using var folder = new TemporaryDirectory();

        Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 3)), new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        var lines = File.ReadAllLines(Path.Combine(folder.Path, MetricsLog.FileName));
        Assert.Equal(4, lines.Length);
        for (var epoch = 0; epoch < lines.Length; epoch++)
        {
            using var line = JsonDocument.Parse(lines[epoch]);
            var root = line.RootElement;
            Assert.Equal(epoch, root.GetProperty("epoch").GetInt32());
            Assert.Equal(epoch * 4, root.GetProperty("step").GetInt64());
            Assert.Equal(epoch == 0 ? JsonValueKind.Null : JsonValueKind.Number, root.GetProperty("train_loss").ValueKind);
            Assert.Equal(2, root.GetProperty("decoding_step_accuracy").GetArrayLength());
            Assert.InRange(root.GetProperty("exact_sequence_accuracy").GetDouble(), 0, 1);
            Assert.True(root.GetProperty("memoryless_cross_entropy").GetDouble() > 0);
        }
    }

    [Fact]
    public void RunFolderHasRunInfoCheckpointAndModel()
    {
        using var folder = new TemporaryDirectory();

        var result = Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 2)), new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        var info = new RunFolder(folder.Path).ReadRunInfo();
        Assert.Equal("net", info.NetworkName);
        Assert.Equal(1, info.Threads);
        Assert.Equal("test.gate", info.Spec.File);
        Assert.True(File.Exists(result.CheckpointPath));
        Assert.Equal(Path.Combine(folder.Path, "model.safetensors"), result.ModelPath);
    }

    [Fact]
    public void TrainRejectsFolderWithRun()
    {
        using var folder = new TemporaryDirectory();
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 1));
        Trainer.Train(job, new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        var exception = Assert.Throws<TrainingSetupException>(() => Trainer.Train(job, new TrainingOptions { RunDirectory = folder.Path, Threads = 1 }));

        Assert.Contains("already contains a training run", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeRejectsChangedSettings()
    {
        using var folder = new TemporaryDirectory();
        var training = TestNetworks.Tiny(epochs: 2);
        Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), training), new TrainingOptions { RunDirectory = folder.Path, Threads = 1, StopAfterSteps = 5 });

        var changed = TestNetworks.Job(TestNetworks.TinyTask(), training with { LearningRate = 0.5 });
        var exception = Assert.Throws<TrainingSetupException>(() => Trainer.Resume(changed, new TrainingOptions { RunDirectory = folder.Path, Threads = 1 }));

        Assert.Contains("lr: 0.01 → 0.5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeRejectsFolderWithoutRun()
    {
        using var folder = new TemporaryDirectory();
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny());

        var exception = Assert.Throws<TrainingSetupException>(() => Trainer.Resume(job, new TrainingOptions { RunDirectory = folder.Path, Threads = 1 }));

        Assert.Contains("has no run.json", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Architecture.Lstm)]
    [InlineData(Architecture.Rnn)]
    public void OtherArchitecturesTrainWithoutExport(Architecture architecture)
    {
        using var folder = new TemporaryDirectory();
        var training = TestNetworks.Tiny(epochs: 1) with { Architecture = architecture, Initialization = Initialization.Orthogonal };

        var result = Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), training), new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Null(result.ModelPath);
        var checkpoint = SafetensorsReader.Read(result.CheckpointPath);
        var prefix = RecurrentNetwork.CellNameOf(architecture);
        Assert.True(checkpoint.Contains($"{prefix}.weight_hh_l0"));
        Assert.True(checkpoint.Contains($"optimizer.exp_avg_sq.{prefix}.weight_hh_l0"));
    }

    [Fact]
    public void SyntheticRunStartsPerfect()
    {
        using var folder = new TemporaryDirectory();
        var compiled = TestNetworks.CompileBinary(4, "5..8");
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize) with
        {
            Initialization = Initialization.Synthetic,
            Epochs = 1,
            BatchSize = 16,
            TrainTrials = 32,
            ValidationTrials = 100,
        };
        var epochs = new List<EpochMetrics>();

        Trainer.Train(
            new TrainingJob(compiled.Definition with { Training = training }, new SpecSource("binary.gate", TestNetworks.BinarySpec(4, "5..8"))),
            new TrainingOptions { RunDirectory = folder.Path, Threads = 1, Observer = new Recorder(epochs) });

        Assert.Equal(0, epochs[0].Epoch);
        Assert.Equal(1.0, epochs[0].Validation.ExactSequenceAccuracy);
    }

    [Fact]
    public void LearningRateSchedules()
    {
        var training = TrainingDefinitionFactory.Default(4) with { LearningRate = 0.1, Gamma = 0.5, StepEpochs = 3, Epochs = 10 };

        Assert.Equal(0.1, Torch.Training.LearningRateSchedules.At(training, 9));
        Assert.Equal(0.1, Torch.Training.LearningRateSchedules.At(training with { Schedule = LearningRateSchedule.Step }, 2));
        Assert.Equal(0.05, Torch.Training.LearningRateSchedules.At(training with { Schedule = LearningRateSchedule.Step }, 3));
        Assert.Equal(0.025, Torch.Training.LearningRateSchedules.At(training with { Schedule = LearningRateSchedule.Step }, 6));
        Assert.Equal(0.1, Torch.Training.LearningRateSchedules.At(training with { Schedule = LearningRateSchedule.Cosine }, 0));
        Assert.Equal(0.05, Torch.Training.LearningRateSchedules.At(training with { Schedule = LearningRateSchedule.Cosine }, 5), 1e-15);
    }

    [Fact]
    public void ExportedModelScoresLikeValidation()
    {
        using var folder = new TemporaryDirectory();
        var training = TestNetworks.Tiny(epochs: 4) with { Float64 = true, ValidationTrials = 150 };
        var task = TestNetworks.TinyTask();

        var result = Trainer.Train(TestNetworks.Job(task, training), new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        var loaded = NetworkSource.Load(folder.Path);
        Assert.Equal(LoadedNetworkKind.Export, loaded.Kind);
        Assert.Equal("net", loaded.NetworkName);
        var trials = new TrialGenerator(loaded.Task, loaded.Task.Seed).Take(150);
        var simulated = Evaluator.Evaluate(loaded.Weights, loaded.Task, trials, Precision.Float64);
        var validation = result.LastEpoch!.Validation;
        Assert.Equal(validation.PerStepAccuracy, simulated.PerStepAccuracy);
        Assert.Equal(validation.ExactSequenceAccuracy, simulated.ExactSequenceAccuracy);
        Assert.Equal(validation.CrossEntropy, simulated.CrossEntropy, 1e-9);
        Assert.Equal(["A", "B", "blank", "delim"], loaded.Weights.InputLabels);
    }

    [Fact]
    public void CheckpointLoadsForEvaluation()
    {
        using var folder = new TemporaryDirectory();
        var result = Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 2)), new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        var fromCheckpoint = NetworkSource.Load(result.CheckpointPath);
        var fromModel = NetworkSource.Load(result.ModelPath!);

        Assert.Equal(LoadedNetworkKind.Checkpoint, fromCheckpoint.Kind);
        Assert.Equal("2", fromCheckpoint.Metadata["epoch"]);
        Assert.True(TensorBits.Equal(fromModel.Weights.WeightHh.Data, fromCheckpoint.Weights.WeightHh.Data));
        Assert.True(TensorBits.Equal(fromModel.Weights.ReadoutBias, fromCheckpoint.Weights.ReadoutBias));
    }

    [Fact]
    public void LstmCheckpointIsRejectedForEvaluation()
    {
        using var folder = new TemporaryDirectory();
        var training = TestNetworks.Tiny(epochs: 1) with { Architecture = Architecture.Lstm };
        var result = Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), training), new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });

        var exception = Assert.Throws<ExportFormatException>(() => NetworkSource.Load(result.RunDirectory));

        Assert.Contains("contains an LSTM network", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepBenchmarkTimesSteps()
    {
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny());

        var result = StepBenchmark.Run(job, threads: 1, steps: 2, warmupSteps: 1);

        Assert.Equal(16, result.BatchSize);
        Assert.InRange(result.Length, 5, 7);
        Assert.True(result.StepMilliseconds > 0, $"step time {result.StepMilliseconds}");
        Assert.True(result.ForwardBackwardMilliseconds > 0, $"forward and backward time {result.ForwardBackwardMilliseconds}");
    }

    /// <summary>Keeps every epoch report.</summary>
    internal sealed class Recorder(List<EpochMetrics> epochs) : ITrainingObserver
    {
        public void OnEpochCompleted(EpochMetrics metrics) => epochs.Add(metrics);
    }
}
