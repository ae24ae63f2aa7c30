using System.Globalization;
using GateLang.Torch;
using GateLang.Torch.Training;
using Spectre.Console;

namespace GateLang.Cli.Training;

/// <summary>
/// Shows a training run's progress: a live Spectre.Console display on a terminal, one plain
/// line per epoch when the output is redirected, or the JSON lines of metrics.jsonl with --json.
/// </summary>
internal abstract class TrainingDisplay : ITrainingObserver
{
    /// <summary>Chooses the display for <paramref name="console"/>: live only when the standard output is an interactive terminal.</summary>
    public static TrainingDisplay Create(CliConsole console, bool json)
    {
        if (json)
        {
            return new JsonTrainingDisplay(console);
        }

        if (ReferenceEquals(console.Output, Console.Out) && !Console.IsOutputRedirected)
        {
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect,
                Interactive = InteractionSupport.Detect,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            if (terminal.Profile.Capabilities.Interactive && terminal.Profile.Capabilities.Ansi)
            {
                return new LiveTrainingDisplay(terminal);
            }
        }

        return new PlainTrainingDisplay(console);
    }

    /// <summary>Runs <paramref name="train"/> while the display is shown.</summary>
    public virtual TrainingResult Run(Func<TrainingResult> train) => train();

    public virtual void OnStarted(TrainingStarted started)
    {
    }

    public virtual void OnBatchCompleted(BatchProgress progress)
    {
    }

    public virtual void OnEpochCompleted(EpochMetrics metrics)
    {
    }

    public virtual void OnCheckpointWritten(CheckpointWritten checkpoint)
    {
    }

    /// <summary>Describes the run in one line: network, cell, size, dtype, epochs, batches, threads and folder.</summary>
    protected static string DescribeStart(TrainingStarted started)
    {
        var training = started.Job.Training;
        var task = started.Job.Task;
        var inv = CultureInfo.InvariantCulture;
        var action = started.Resumed
            ? string.Create(inv, $"resuming network {started.Job.Network.Name} at epoch {started.StartEpoch + 1}, batch {started.StartBatch + 1}")
            : $"training network {started.Job.Network.Name}";
        var threads = started.RecordedThreads is { } recorded && recorded != started.Threads
            ? string.Create(inv, $"{started.Threads} threads (the run recorded {recorded}, so results will differ in the last bits)")
            : string.Create(inv, $"{started.Threads} {(started.Threads == 1 ? "thread" : "threads")}");
        return string.Create(
            inv,
            $"{action} ({RecurrentNetwork.CellNameOf(training.Architecture)}, hidden {training.HiddenSize}, {(training.Float64 ? "f64" : "f32")}, init {TrainingSettings.Name(training.Initialization)}) "
            + $"on task {task.Name} (K = {task.Symbols}, S = {task.Length}, T = {task.DelayMin}..{task.DelayMax}): "
            + $"{training.Epochs} epochs of {started.BatchesPerEpoch} batches of {training.BatchSize} trials, {threads}, libtorch {started.TorchVersion}, run folder {started.RunDirectory}");
    }

    /// <summary>Formats an epoch's scores on one line.</summary>
    protected static string DescribeEpoch(EpochMetrics metrics)
    {
        var validation = metrics.Validation;
        var inv = CultureInfo.InvariantCulture;
        var trainLoss = metrics.TrainLoss is { } loss ? loss.ToString("F4", inv) : "-";
        return string.Create(
            inv,
            $"epoch {metrics.Epoch.ToString(inv).PadLeft(metrics.Epochs.ToString(inv).Length)}/{metrics.Epochs}  train loss {trainLoss,-7}  "
            + $"val loss {validation.CrossEntropy:F4}  per-step acc {validation.PerStepAccuracy:F4}  exact-seq acc {validation.ExactSequenceAccuracy:F3}  "
            + $"memoryless {validation.MemorylessCrossEntropy:F4}  {metrics.EpochSeconds:F1} s");
    }

    /// <summary>Estimates the time left from the mean epoch time of this call.</summary>
    protected static string DescribeTimeLeft(EpochMetrics metrics, int firstEpoch, double secondsThisCall)
    {
        var epochsDone = metrics.Epoch - firstEpoch;
        if (epochsDone <= 0 || metrics.Epoch >= metrics.Epochs)
        {
            return "";
        }

        var left = TimeSpan.FromSeconds(secondsThisCall / epochsDone * (metrics.Epochs - metrics.Epoch));
        var inv = CultureInfo.InvariantCulture;
        if (left.TotalMinutes < 1)
        {
            return string.Create(inv, $"about {Math.Ceiling(left.TotalSeconds)} s left");
        }

        return left.TotalHours >= 1
            ? string.Create(inv, $"about {(int)left.TotalHours} h {left.Minutes} min left")
            : string.Create(inv, $"about {Math.Round(left.TotalMinutes)} min left");
    }
}

/// <summary>Prints the start, one line per epoch with an estimate of the time left, and each checkpoint.</summary>
internal sealed class PlainTrainingDisplay(CliConsole console) : TrainingDisplay
{
    private int _firstEpoch;
    private double _secondsBefore;

    public override void OnStarted(TrainingStarted started)
    {
        _firstEpoch = started.StartEpoch;
        _secondsBefore = started.ElapsedSecondsBefore;
        console.Output.WriteLine(DescribeStart(started));
    }

    public override void OnEpochCompleted(EpochMetrics metrics)
    {
        var timeLeft = DescribeTimeLeft(metrics, _firstEpoch, metrics.ElapsedSeconds - _secondsBefore);
        console.Output.WriteLine(timeLeft.Length == 0 ? DescribeEpoch(metrics) : $"{DescribeEpoch(metrics)}  ({timeLeft})");
    }

    public override void OnCheckpointWritten(CheckpointWritten checkpoint) =>
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint after epoch {checkpoint.Epoch} (step {checkpoint.Step}): {checkpoint.Path}"));
}

/// <summary>Prints each epoch's metrics.jsonl line to the standard output and the start line to the error stream.</summary>
internal sealed class JsonTrainingDisplay(CliConsole console) : TrainingDisplay
{
    public override void OnStarted(TrainingStarted started) => console.Error.WriteLine(DescribeStart(started));

    public override void OnEpochCompleted(EpochMetrics metrics)
    {
        console.Output.WriteLine(MetricsLog.FormatLine(metrics));
        console.Output.Flush();
    }
}

/// <summary>
/// A Spectre.Console progress bar over all batches of the run, with the epoch, batch, last loss
/// and time left, and one line above it per finished epoch.
/// </summary>
internal sealed class LiveTrainingDisplay(IAnsiConsole terminal) : TrainingDisplay
{
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _epochs;

    public override TrainingResult Run(Func<TrainingResult> train)
    {
        TrainingResult? result = null;
        terminal.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                result = train();
            });
        return result!;
    }

    public override void OnStarted(TrainingStarted started)
    {
        terminal.MarkupLine(Markup.Escape(DescribeStart(started)));
        _epochs = started.Job.Training.Epochs;
        var total = (double)started.BatchesPerEpoch * _epochs;
        _task = _context!.AddTask(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {started.StartEpoch + 1}/{_epochs}")), autoStart: true, maxValue: total);
        _task.Value = (double)started.StartEpoch * started.BatchesPerEpoch + started.StartBatch;
    }

    public override void OnBatchCompleted(BatchProgress progress)
    {
        if (_task is null)
        {
            return;
        }

        _task.Increment(1);
        _task.Description = Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {progress.Epoch + 1}/{_epochs}  batch {progress.Batch}/{progress.BatchesPerEpoch}  loss {progress.Loss:F4}"));
    }

    public override void OnEpochCompleted(EpochMetrics metrics) =>
        terminal.MarkupLine(Markup.Escape(DescribeEpoch(metrics)));

    public override void OnCheckpointWritten(CheckpointWritten checkpoint) =>
        terminal.MarkupLine("[grey]" + Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"checkpoint after epoch {checkpoint.Epoch}: {checkpoint.Path}")) + "[/]");
}
