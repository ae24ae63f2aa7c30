using System.Diagnostics;
using GateLang.Compilation;
using GateLang.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GateLang.Torch.Training;

/// <summary>
/// Times bare TorchSharp training steps on one fixed batch of a job's shapes, without trial
/// generation, metrics, validation or checkpoints, so that the training loop's overhead is the
/// ratio of an epoch's time to batches × the bare step time.
/// </summary>
public static class StepBenchmark
{
    /// <param name="Length">Steps of the padded batch: the longest of its trials.</param>
    /// <param name="ForwardBackwardMilliseconds">Mean time of forward, cross-entropy and backward.</param>
    /// <param name="StepMilliseconds">Mean time of forward, cross-entropy, backward, clipping and the Adam update.</param>
    /// <param name="StepCpuMilliseconds">
    /// Mean CPU time of the process per full step, summed over threads; on a shared machine it
    /// varies less than the wall time.
    /// </param>
    public sealed record Result(
        int Threads, int BatchSize, int Length, int Steps, double ForwardBackwardMilliseconds, double StepMilliseconds, double StepCpuMilliseconds);

    /// <summary>
    /// Runs <paramref name="warmupSteps"/> untimed steps, then <paramref name="steps"/> timed
    /// forward and backward passes and <paramref name="steps"/> timed full steps, on the first
    /// batch of the job's training trial stream.
    /// </summary>
    public static Result Run(TrainingJob job, int threads, int steps, int warmupSteps = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        var training = job.Training;
        TrainingDefinitionChecks.Validate(training, job.Task);
        TorchRuntime.EnsureLoaded();
        torch.set_num_threads(threads);

        CompiledNetwork? compiled = job.Network.Blocks.Count > 0 ? NetworkCompiler.Compile(job.Network) : null;
        using var network = RecurrentNetworkFactory.Create(job.Task, training, compiled);
        var parameters = network.parameters().ToList();
        using var optimizer = new Adam(parameters, lr: training.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0);
        var trials = new TrialGenerator(job.Task, TrainingSeeds.TrainingTrials(training.Seed)).Take(training.BatchSize).ToList();
        using var batch = TrialBatch.Create(trials, job.Task, network.Dtype);

        for (var i = 0; i < warmupSteps; i++)
        {
            Step(network, optimizer, parameters, batch, training.GradientClip, update: true);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            Step(network, optimizer, parameters, batch, training.GradientClip, update: false);
        }

        var forwardBackward = clock.Elapsed.TotalMilliseconds / steps;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        for (var i = 0; i < steps; i++)
        {
            Step(network, optimizer, parameters, batch, training.GradientClip, update: true);
        }

        var fullStep = clock.Elapsed.TotalMilliseconds / steps;
        var fullStepCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / steps;
        return new Result(threads, trials.Count, batch.Length, steps, forwardBackward, fullStep, fullStepCpu);
    }

    private static void Step(RecurrentNetwork network, Adam optimizer, List<Parameter> parameters, TrialBatch batch, double clip, bool update)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var logits = network.call(batch.Inputs);
        var loss = nn.functional.cross_entropy(
            logits.reshape(-1, network.OutputSize), batch.Targets.reshape(-1), ignore_index: TrialBatch.IgnoreIndex, reduction: nn.Reduction.Mean);
        loss.backward();
        if (!update)
        {
            return;
        }

        if (clip > 0)
        {
            nn.utils.clip_grad_norm_(parameters, clip);
        }

        optimizer.step();
    }
}
