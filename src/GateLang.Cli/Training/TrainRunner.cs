using System.Globalization;
using System.Runtime.InteropServices;
using GateLang.Export;
using GateLang.Ir;
using GateLang.Semantics;
using GateLang.Torch;
using GateLang.Torch.Training;

namespace GateLang.Cli.Training;

/// <summary>The options of one <c>gatelang train</c> call.</summary>
internal sealed record TrainRequest(
    string? File,
    string? NetworkName,
    string? OutputDirectory,
    int? Epochs,
    string? ResumeDirectory,
    int? Threads,
    bool Json,
    int? BenchmarkSteps = null);

/// <summary>
/// Runs <c>gatelang train</c>: loads libtorch, builds the training job from the spec or the run
/// folder, trains with a progress display, and turns expected failures into one-line errors.
/// </summary>
internal static class TrainRunner
{
    public static int Run(CliConsole console, TrainRequest request)
    {
        CheckOptions(request);
        try
        {
            TorchRuntime.EnsureLoaded();
        }
        catch (TorchLoadException exception)
        {
            throw new UserErrorException(exception.Message);
        }

        var resuming = request.ResumeDirectory is not null;
        var job = resuming ? LoadResumeJob(request, console) : LoadNewJob(request, console);
        if (job is null)
        {
            return ExitCodes.UserError;
        }

        if (request.BenchmarkSteps is { } steps)
        {
            return RunBenchmark(console, job, request.Threads ?? Environment.ProcessorCount, steps);
        }

        var runDirectory = request.ResumeDirectory ?? request.OutputDirectory ?? Path.Combine("runs", job.Network.Name);
        var display = TrainingDisplay.Create(console, request.Json);
        using var interruption = new Interruption(console);
        var options = new TrainingOptions { RunDirectory = runDirectory, Threads = request.Threads, Observer = display };

        TrainingResult result;
        try
        {
            result = display.Run(() => resuming
                ? Trainer.Resume(job, options, interruption.Token)
                : Trainer.Train(job, options, interruption.Token));
        }
        catch (Exception exception) when (exception is TrainingSetupException or TrainingDivergedException or ExportFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(exception.Message);
        }

        return Report(console, result, request.Json);
    }

    private static void CheckOptions(TrainRequest request)
    {
        if (request.ResumeDirectory is not null && request.OutputDirectory is not null)
        {
            throw new UserErrorException("--out cannot be combined with --resume, which continues the run in its own folder.");
        }

        if (request.ResumeDirectory is null && request.File is null)
        {
            throw new UserErrorException("gatelang train needs a spec FILE, or --resume DIR to continue a run.");
        }

        if (request.Epochs is < 1)
        {
            throw new UserErrorException($"--epochs must be at least 1, got {request.Epochs}.");
        }

        if (request.BenchmarkSteps is < 1)
        {
            throw new UserErrorException($"--benchmark-steps must be at least 1, got {request.BenchmarkSteps}.");
        }

        if (request.Threads is < 1)
        {
            throw new UserErrorException($"--threads must be at least 1, got {request.Threads}.");
        }
    }

    private static TrainingJob? LoadNewJob(TrainRequest request, CliConsole console)
    {
        var file = request.File!;
        var spec = SpecLoader.Load(file, console);
        if (spec is null)
        {
            return null;
        }

        var network = SpecLoader.SelectOneNetwork(spec, file, request.NetworkName);
        return CreateJob(network, new SpecSource(file, spec.SourceText), file, request.Epochs);
    }

    /// <summary>
    /// Rebuilds the job of a run from its run.json, or from FILE when it is given, so that a run
    /// can be continued after its spec was moved.
    /// </summary>
    private static TrainingJob? LoadResumeJob(TrainRequest request, CliConsole console)
    {
        var folder = new RunFolder(request.ResumeDirectory!);
        RunInfo info;
        try
        {
            info = folder.ReadRunInfo();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot resume: {exception.Message}");
        }

        CheckResult spec;
        string specFile;
        if (request.File is { } file)
        {
            spec = SpecCompiler.Check(file);
            specFile = file;
        }
        else
        {
            spec = SpecCompiler.CheckText(info.Spec.Text, info.Spec.File);
            specFile = info.Spec.File;
        }

        foreach (var diagnostic in spec.Diagnostics)
        {
            console.Error.WriteLine(diagnostic.ToString());
        }

        if (spec.HasErrors)
        {
            return null;
        }

        var network = SpecLoader.SelectOneNetwork(spec, specFile, request.NetworkName ?? info.NetworkName);
        var epochs = request.Epochs ?? info.Training["epochs"]?.GetValue<int>();
        return CreateJob(network, new SpecSource(specFile, spec.SourceText), specFile, epochs);
    }

    private static TrainingJob CreateJob(NetworkDefinition network, SpecSource spec, string path, int? epochs)
    {
        if (network.Training is not { } training)
        {
            throw new UserErrorException(
                $"network '{network.Name}' in {path} has no train section, so there is nothing to train; add one such as 'train {{ hidden = 64  epochs = 50 }}' (docs/training.md lists the settings).");
        }

        if (epochs is { } count)
        {
            training = training with { Epochs = count };
        }

        return new TrainingJob(network with { Training = training }, spec);
    }

    /// <summary>Prints the bare step times of <see cref="StepBenchmark"/> and the epoch time they imply.</summary>
    private static int RunBenchmark(CliConsole console, TrainingJob job, int threads, int steps)
    {
        var result = StepBenchmark.Run(job, threads, steps);
        var training = job.Training;
        var batches = (training.TrainTrials + training.BatchSize - 1) / training.BatchSize;
        var inv = CultureInfo.InvariantCulture;
        console.Output.WriteLine(string.Create(inv, $"bare TorchSharp steps of network {job.Network.Name}: batch {result.BatchSize} x {result.Length} steps, {RecurrentNetwork.CellNameOf(training.Architecture)} hidden {training.HiddenSize}, {(training.Float64 ? "f64" : "f32")}, {result.Threads} {(result.Threads == 1 ? "thread" : "threads")}, {result.Steps} timed steps"));
        console.Output.WriteLine(string.Create(inv, $"forward + backward:                 {result.ForwardBackwardMilliseconds,9:F1} ms"));
        console.Output.WriteLine(string.Create(inv, $"forward + backward + clip + Adam:   {result.StepMilliseconds,9:F1} ms ({result.StepCpuMilliseconds:F1} ms CPU time)"));
        console.Output.WriteLine(string.Create(inv, $"{batches} batches per epoch x full step: {batches * result.StepMilliseconds / 1000,9:F1} s per epoch, before validation"));
        return ExitCodes.Success;
    }

    private static int Report(CliConsole console, TrainingResult result, bool json)
    {
        // With --json the standard output carries only the epoch lines, so the summary goes to the error stream.
        var writer = json ? console.Error : console.Output;
        var inv = CultureInfo.InvariantCulture;
        switch (result.Outcome)
        {
            case TrainingOutcome.Completed:
                writer.WriteLine(string.Create(inv, $"trained {result.EpochsCompleted} epochs ({result.Steps} steps); run folder {result.RunDirectory}"));
                if (result.LastEpoch is { } last)
                {
                    var validation = last.Validation;
                    writer.WriteLine(string.Create(inv, $"validation on {validation.Trials} trials: exact-sequence accuracy {validation.ExactSequenceAccuracy:F3}, per-step accuracy {validation.PerStepAccuracy:F4}, cross-entropy {validation.CrossEntropy:G4} (memoryless {validation.MemorylessCrossEntropy:G4})"));
                }

                writer.WriteLine(result.ModelPath is { } model
                    ? $"model: {model}; score it with: gatelang eval {model}"
                    : $"checkpoint: {result.CheckpointPath} (the C# simulator runs GRUs only, so no model.safetensors was written)");
                return ExitCodes.Success;

            case TrainingOutcome.Cancelled:
                console.Error.WriteLine(string.Create(inv, $"training interrupted after {result.Steps} steps; the checkpoint {result.CheckpointPath} keeps the position. Continue with: gatelang train --resume {result.RunDirectory}"));
                return ExitCodes.UserError;

            default:
                throw new InvalidOperationException($"Training returned outcome {result.Outcome}, which only the test hook TrainingOptions.StopAfterSteps produces.");
        }
    }

    /// <summary>
    /// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancellation, so that training stops after
    /// the current batch and writes a checkpoint. A second signal ends the process at once.
    /// </summary>
    private sealed class Interruption : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private readonly List<PosixSignalRegistration> _registrations = [];
        private readonly CliConsole _console;

        public Interruption(CliConsole console)
        {
            _console = console;
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }

        public CancellationToken Token => _cancellation.Token;

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }

            _cancellation.Dispose();
        }

        private void OnSignal(PosixSignalContext context)
        {
            if (_cancellation.IsCancellationRequested)
            {
                return;
            }

            context.Cancel = true;
            _console.Error.WriteLine($"{context.Signal}: stopping after the current batch and writing a checkpoint; send it again to stop at once.");
            _cancellation.Cancel();
        }
    }
}
