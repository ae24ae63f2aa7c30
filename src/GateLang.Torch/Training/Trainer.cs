using GateLang.Compilation;
using GateLang.Export;
using GateLang.Ir;

namespace GateLang.Torch.Training;

/// <summary>
/// Trains the network of a <c>train</c> section on its VDCM task with Adam and mean
/// cross-entropy over every step of every trial, and continues killed runs from their
/// checkpoints.
/// </summary>
/// <remarks>
/// docs/training.md describes the objective, the padding of trials with different delays, the
/// random streams, the run folder and the checkpoint format.
/// </remarks>
public static class Trainer
{
    /// <summary>Starts a new run in <see cref="TrainingOptions.RunDirectory"/>, which is created if needed.</summary>
    /// <exception cref="TrainingSetupException">The folder already contains a run.</exception>
    /// <exception cref="TrainingDivergedException">A loss or gradient norm was not finite.</exception>
    /// <exception cref="TorchLoadException">libtorch cannot be loaded.</exception>
    /// <exception cref="ArgumentException">A training setting is out of range.</exception>
    public static TrainingResult Train(TrainingJob job, TrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        TrainingDefinitionChecks.Validate(job.Training, job.Task);
        var folder = new RunFolder(options.RunDirectory);
        if (folder.ContainsRun)
        {
            throw new TrainingSetupException($"{folder.Directory} already contains a training run; continue it with --resume {folder.Directory} or choose another output folder.");
        }

        var threads = options.Threads ?? Environment.ProcessorCount;
        RequirePositiveThreads(threads);
        TorchRuntime.EnsureLoaded();
        Directory.CreateDirectory(folder.Directory);
        using var session = new TrainingSession(job, folder, options, threads, Compile(job));
        folder.WriteRunInfo(job, threads);
        return session.Run(resumed: false, recordedThreads: null, cancellationToken);
    }

    /// <summary>
    /// Continues the run in <see cref="TrainingOptions.RunDirectory"/> from its checkpoint, or from
    /// the start when it has none. Epochs after the checkpoint are trained again, so a run killed
    /// at any point and resumed ends with the same weights, bit for bit, as one never stopped,
    /// provided the thread count and the machine are the same.
    /// </summary>
    /// <remarks>
    /// <paramref name="job"/> must have the network name and settings the run started with;
    /// only <c>epochs</c> and <c>checkpoint_every</c> may change. A larger <c>epochs</c> continues a
    /// completed run; with the cosine schedule it also changes the rate of every later epoch.
    /// </remarks>
    /// <exception cref="TrainingSetupException">The folder contains no run, or <paramref name="job"/> differs from it.</exception>
    /// <exception cref="ExportFormatException">The checkpoint is damaged.</exception>
    public static TrainingResult Resume(TrainingJob job, TrainingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        TrainingDefinitionChecks.Validate(job.Training, job.Task);
        var folder = new RunFolder(options.RunDirectory);
        RunInfo info;
        try
        {
            info = folder.ReadRunInfo();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            throw new TrainingSetupException($"Cannot resume: {exception.Message}", exception);
        }

        CheckSameRun(job, info.NetworkName, info.Training, folder.RunInfoPath);
        CheckpointContents? checkpoint = null;
        if (File.Exists(folder.CheckpointPath))
        {
            checkpoint = TrainingCheckpoint.Read(folder.CheckpointPath);
            CheckSameRun(job, checkpoint.NetworkName, checkpoint.Training, folder.CheckpointPath);
        }

        var recordedThreads = checkpoint?.Threads ?? info.Threads;
        var threads = options.Threads ?? recordedThreads;
        RequirePositiveThreads(threads);
        TorchRuntime.EnsureLoaded();
        using var session = new TrainingSession(job, folder, options, threads, Compile(job));
        if (checkpoint is not null)
        {
            session.Restore(checkpoint);
        }

        folder.DeleteStaleTemporaryFiles();
        MetricsLog.KeepEpochsUpTo(folder.MetricsPath, checkpoint?.Progress.Epoch ?? -1);
        folder.RecordResume(checkpoint?.Progress.Epoch ?? 0, checkpoint?.Progress.Batch ?? 0, threads, job.Training);
        return session.Run(resumed: true, recordedThreads, cancellationToken);
    }

    /// <summary>Compiles the network's blocks, for synthetic initialisation and for neuron labels; null when it has none.</summary>
    private static CompiledNetwork? Compile(TrainingJob job)
    {
        if (job.Network.Blocks.Count == 0)
        {
            if (job.Training.Initialization == Initialization.Synthetic)
            {
                throw new TrainingSetupException($"Network '{job.Network.Name}' has init = synthetic but no blocks to compile; add memory, clock and switch blocks or choose init = default.");
            }

            return null;
        }

        return NetworkCompiler.Compile(job.Network);
    }

    private static void CheckSameRun(TrainingJob job, string networkName, System.Text.Json.Nodes.JsonObject recorded, string source)
    {
        if (networkName != job.Network.Name)
        {
            throw new TrainingSetupException($"Cannot resume: {source} is a run of network '{networkName}', not '{job.Network.Name}'.");
        }

        var differences = TrainingSettings.Differences(recorded, TrainingSettings.ToJson(job.Training));
        if (differences.Count > 0)
        {
            throw new TrainingSetupException(
                $"Cannot resume: the train settings differ from those in {source} ({string.Join("; ", differences)}). "
                + "Only epochs and checkpoint_every may change; start a new run for other settings.");
        }
    }

    private static void RequirePositiveThreads(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be at least 1.");
        }
    }
}

/// <summary>
/// A training run cannot start or resume as asked: the folder already contains a run, contains none,
/// or was started with other settings. The message names the folder and what to do.
/// </summary>
public sealed class TrainingSetupException : Exception
{
    public TrainingSetupException(string message)
        : base(message)
    {
    }

    public TrainingSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
