using GateLang.Export;
using GateLang.Ir;

namespace GateLang.Torch.Training;

/// <summary>What to train: a bound network with its <c>train</c> section, and the spec it was read from.</summary>
/// <param name="Spec">The spec's file name and full text, stored in the run folder and in every checkpoint.</param>
public sealed record TrainingJob(NetworkDefinition Network, SpecSource Spec)
{
    /// <exception cref="InvalidOperationException">The network has no <c>train</c> section.</exception>
    public TrainingDefinition Training =>
        Network.Training ?? throw new InvalidOperationException($"Network '{Network.Name}' has no train section.");

    public TaskDefinition Task => Network.Task;
}

/// <summary>How to run a training job: where to write, how many threads, who is told about progress.</summary>
public sealed class TrainingOptions
{
    /// <summary>The run folder: run.json, metrics.jsonl, checkpoint.safetensors and, at the end, model.safetensors.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>
    /// libtorch's intra-op threads (<c>torch.set_num_threads</c>). Null means
    /// <see cref="Environment.ProcessorCount"/> for a new run and the recorded count for a resumed
    /// one. The last bits of every result depend on the count, so a resumed run matches an
    /// uninterrupted one only with the same count.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>Receives start, batch, epoch and checkpoint events on the training thread.</summary>
    public ITrainingObserver? Observer { get; init; }

    /// <summary>
    /// For tests: return after this many optimizer steps of this call, without writing a
    /// checkpoint, as if the process had been killed.
    /// </summary>
    internal long? StopAfterSteps { get; init; }

    /// <summary>For tests: called after each backward pass with the network and the 1-based step, before the gradient is checked.</summary>
    internal Action<RecurrentNetwork, long>? AfterBackward { get; init; }
}

/// <summary>How a call to <see cref="Trainer"/> ended.</summary>
public enum TrainingOutcome
{
    /// <summary>Every epoch ran; the final checkpoint and model.safetensors (GRU only) are written.</summary>
    Completed,

    /// <summary>The cancellation token fired; a checkpoint of the last finished step is written.</summary>
    Cancelled,

    /// <summary>The test hook <see cref="TrainingOptions.StopAfterSteps"/> ended the call; nothing was written for the unfinished part.</summary>
    Stopped,
}

/// <param name="EpochsCompleted">Epochs finished, counting those of earlier calls of a resumed run.</param>
/// <param name="Steps">Optimizer steps taken, counting those of earlier calls.</param>
/// <param name="LastEpoch">The metrics of the last finished epoch; null when none finished in this call.</param>
/// <param name="ModelPath">The exported model.safetensors; null unless the run completed with a GRU.</param>
public sealed record TrainingResult(
    TrainingOutcome Outcome,
    int EpochsCompleted,
    long Steps,
    EpochMetrics? LastEpoch,
    string? ModelPath,
    string CheckpointPath,
    string RunDirectory);
