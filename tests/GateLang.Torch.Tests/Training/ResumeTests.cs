using System.Text.Json;
using GateLang.Export;
using GateLang.Torch.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GateLang.Torch.Tests.Training;

/// <summary>Checkpoints, kills simulated in-process, resumes and non-finite values.</summary>
[Collection(TorchStateCollection.Name)]
public class ResumeTests
{
    public ResumeTests()
    {
        TorchRuntime.EnsureLoaded();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CheckpointRoundTripIsBitwise(bool float64)
    {
        using var folder = new TemporaryDirectory();
        var task = TestNetworks.TinyTask();
        var training = TestNetworks.Tiny() with { Float64 = float64 };
        var job = TestNetworks.Job(task, training);
        using var network = RecurrentNetworkFactory.Create(task, training);
        using var optimizer = new Adam(network.parameters().ToList(), lr: 0.01, beta1: 0.9, beta2: 0.999);
        TakeSteps(network, optimizer, task, steps: 3);
        var progress = new TrainingProgress { Epoch = 2, Batch = 1, Step = 3, TrialsDrawn = 48, EpochLossSum = 1.25, EpochLossSteps = 96, LastFiniteLoss = 0.1 + 0.2 };
        var path = folder.Combine("first.safetensors");
        TrainingCheckpoint.Write(path, job, network, optimizer, progress, threads: 1, compiled: null);

        using var restored = RecurrentNetworkFactory.Create(task, training with { Seed = 99 });
        using var restoredOptimizer = new Adam(restored.parameters().ToList(), lr: 0.01, beta1: 0.9, beta2: 0.999);
        torch.manual_seed(12345);
        var checkpoint = TrainingCheckpoint.Read(path);
        TrainingCheckpoint.Restore(checkpoint, restored, restoredOptimizer);
        var again = folder.Combine("second.safetensors");
        TrainingCheckpoint.Write(again, job, restored, restoredOptimizer, checkpoint.Progress, threads: 1, compiled: null);

        foreach (var ((name, original), (_, copy)) in network.named_parameters().Zip(restored.named_parameters()))
        {
            Assert.True(TensorBits.Equal(original, copy), $"parameter {name} differs after the round trip");
        }

        var states = TrainingCheckpoint.AdamStates(optimizer);
        var restoredStates = TrainingCheckpoint.AdamStates(restoredOptimizer);
        for (var i = 0; i < states.Count; i++)
        {
            Assert.Equal(states[i].step, restoredStates[i].step);
            Assert.True(TensorBits.Equal(states[i].exp_avg, restoredStates[i].exp_avg), $"exp_avg {i} differs");
            Assert.True(TensorBits.Equal(states[i].exp_avg_sq, restoredStates[i].exp_avg_sq), $"exp_avg_sq {i} differs");
        }

        Assert.Equal(0.1 + 0.2, checkpoint.Progress.LastFiniteLoss);
        Assert.Equal(48, checkpoint.Progress.TrialsDrawn);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Theory]
    [InlineData(6, false)]
    [InlineData(2, false)]
    [InlineData(11, true)]
    public void StoppedRunResumesToSameWeights(int stopAfterSteps, bool float64)
    {
        var training = TestNetworks.Tiny(epochs: 3) with { Float64 = float64, CheckpointEvery = 1 };
        var job = TestNetworks.Job(TestNetworks.TinyTask(), training);
        using var uninterrupted = new TemporaryDirectory();
        using var interrupted = new TemporaryDirectory();
        Trainer.Train(job, new TrainingOptions { RunDirectory = uninterrupted.Path, Threads = 1 });

        var stopped = Trainer.Train(job, new TrainingOptions { RunDirectory = interrupted.Path, Threads = 1, StopAfterSteps = stopAfterSteps });
        var resumed = Trainer.Resume(job, new TrainingOptions { RunDirectory = interrupted.Path });

        Assert.Equal(TrainingOutcome.Stopped, stopped.Outcome);
        Assert.Equal(TrainingOutcome.Completed, resumed.Outcome);
        AssertSameTensors(uninterrupted.Combine("model.safetensors"), interrupted.Combine("model.safetensors"));
        AssertSameTensors(uninterrupted.Combine("checkpoint.safetensors"), interrupted.Combine("checkpoint.safetensors"));
        Assert.Equal(MetricsWithoutTimes(uninterrupted.Path), MetricsWithoutTimes(interrupted.Path));
    }

    [Fact]
    public void CancelledRunResumesMidEpoch()
    {
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 2) with { CheckpointEvery = 5 });
        using var uninterrupted = new TemporaryDirectory();
        using var cancelled = new TemporaryDirectory();
        Trainer.Train(job, new TrainingOptions { RunDirectory = uninterrupted.Path, Threads = 1 });
        using var cancellation = new CancellationTokenSource();
        var observer = new CancelAtStep(6, cancellation);

        var first = Trainer.Train(job, new TrainingOptions { RunDirectory = cancelled.Path, Threads = 1, Observer = observer }, cancellation.Token);
        var checkpoint = TrainingCheckpoint.Read(cancelled.Combine("checkpoint.safetensors"));
        var second = Trainer.Resume(job, new TrainingOptions { RunDirectory = cancelled.Path });

        Assert.Equal(TrainingOutcome.Cancelled, first.Outcome);
        Assert.Equal(1, checkpoint.Progress.Epoch);
        Assert.Equal(2, checkpoint.Progress.Batch);
        Assert.Equal(TrainingOutcome.Completed, second.Outcome);
        AssertSameTensors(uninterrupted.Combine("model.safetensors"), cancelled.Combine("model.safetensors"));
        Assert.Equal(MetricsWithoutTimes(uninterrupted.Path), MetricsWithoutTimes(cancelled.Path));
    }

    [Fact]
    public void ResumeWithMoreEpochsContinuesCompletedRun()
    {
        var training = TestNetworks.Tiny(epochs: 3);
        using var straight = new TemporaryDirectory();
        using var extended = new TemporaryDirectory();
        Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), training), new TrainingOptions { RunDirectory = straight.Path, Threads = 1 });
        Trainer.Train(TestNetworks.Job(TestNetworks.TinyTask(), training with { Epochs = 2 }), new TrainingOptions { RunDirectory = extended.Path, Threads = 1 });

        var result = Trainer.Resume(TestNetworks.Job(TestNetworks.TinyTask(), training), new TrainingOptions { RunDirectory = extended.Path });

        Assert.Equal(3, result.EpochsCompleted);
        AssertSameTensors(straight.Combine("model.safetensors"), extended.Combine("model.safetensors"));
    }

    [Fact]
    public void ResumeOfFinishedRunKeepsModelBytes()
    {
        using var folder = new TemporaryDirectory();
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 2));
        Trainer.Train(job, new TrainingOptions { RunDirectory = folder.Path, Threads = 1 });
        var before = File.ReadAllBytes(folder.Combine("model.safetensors"));

        var result = Trainer.Resume(job, new TrainingOptions { RunDirectory = folder.Path });

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Null(result.LastEpoch);
        Assert.Equal(before, File.ReadAllBytes(folder.Combine("model.safetensors")));
    }

    [Fact]
    public void NonFiniteLossStopsTraining()
    {
        using var folder = new TemporaryDirectory();
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 3) with { CheckpointEvery = 1 });
        var options = new TrainingOptions
        {
            RunDirectory = folder.Path,
            Threads = 1,
            AfterBackward = (network, step) =>
            {
                if (step == 5)
                {
                    using var noGrad = no_grad();
                    network.Readout.bias!.fill_(double.NaN);
                }
            },
        };

        var exception = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(job, options));

        Assert.Equal(NonFiniteQuantity.Loss, exception.Quantity);
        Assert.Equal(6, exception.Step);
        Assert.Equal(2, exception.Epoch);
        Assert.Equal(2, exception.Batch);
        Assert.NotNull(exception.LastFiniteLoss);
        Assert.NotNull(exception.GradientNorm);
        Assert.Equal(1, exception.CheckpointEpoch);
        Assert.StartsWith("Training stopped at step 6 (epoch 2, batch 2) because the loss is NaN.", exception.Message, StringComparison.Ordinal);
        Assert.Equal("1", SafetensorsReader.Read(folder.Combine("checkpoint.safetensors")).Metadata["epoch"]);
        Assert.False(File.Exists(folder.Combine("model.safetensors")));
    }

    [Fact]
    public void NonFiniteGradientStopsTraining()
    {
        using var folder = new TemporaryDirectory();
        var job = TestNetworks.Job(TestNetworks.TinyTask(), TestNetworks.Tiny(epochs: 3));
        var options = new TrainingOptions
        {
            RunDirectory = folder.Path,
            Threads = 1,
            AfterBackward = (network, step) =>
            {
                if (step == 3)
                {
                    using var noGrad = no_grad();
                    network.RecurrentWeight.grad!.fill_(double.PositiveInfinity);
                }
            },
        };

        var exception = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(job, options));

        Assert.Equal(NonFiniteQuantity.GradientNorm, exception.Quantity);
        Assert.Equal(3, exception.Step);
        Assert.True(double.IsPositiveInfinity(exception.Value) || double.IsNaN(exception.Value), $"value {exception.Value}");
        Assert.Null(exception.CheckpointPath);
        Assert.Contains("No checkpoint was written.", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("checkpoint.safetensors")));
    }

    private static void TakeSteps(RecurrentNetwork network, Adam optimizer, GateLang.Ir.TaskDefinition task, int steps)
    {
        var trials = new GateLang.Tasks.TrialGenerator(task, 5);
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            using var batch = TrialBatch.Create(trials.Take(8).ToList(), task, network.Dtype);
            optimizer.zero_grad();
            var logits = network.call(batch.Inputs);
            var loss = nn.functional.cross_entropy(logits.reshape(-1, network.OutputSize), batch.Targets.reshape(-1), ignore_index: TrialBatch.IgnoreIndex);
            loss.backward();
            optimizer.step();
        }
    }

    private static void AssertSameTensors(string expectedPath, string actualPath)
    {
        var expected = SafetensorsReader.Read(expectedPath);
        var actual = SafetensorsReader.Read(actualPath);
        Assert.Equal(expected.Tensors.Select(t => t.Name), actual.Tensors.Select(t => t.Name));
        foreach (var tensor in expected.Tensors)
        {
            Assert.True(TensorBits.Equal(tensor.Values, actual.Get(tensor.Name).Values), $"tensor {tensor.Name} differs between {expectedPath} and {actualPath}");
        }
    }

    /// <summary>Returns metrics.jsonl without the wall-time keys, which differ between runs.</summary>
    private static List<string> MetricsWithoutTimes(string folder)
    {
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(folder, MetricsLog.FileName)))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            node.Remove("epoch_seconds");
            node.Remove("elapsed_seconds");
            lines.Add(node.ToJsonString());
        }

        return lines;
    }

    /// <summary>Cancels the run once step <paramref name="step"/> has finished.</summary>
    private sealed class CancelAtStep(long step, CancellationTokenSource cancellation) : ITrainingObserver
    {
        public void OnBatchCompleted(BatchProgress progress)
        {
            if (progress.Step == step)
            {
                cancellation.Cancel();
            }
        }
    }
}
