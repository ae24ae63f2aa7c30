using System.CommandLine;
using System.Globalization;
using GateLang.Analysis;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.IO;
using GateLang.Reports;
using GateLang.Semantics;
using GateLang.Simulation;

namespace GateLang.Cli.Commands;

/// <summary>
/// <c>gatelang analyze NETWORK</c>: record a network on seeded trials, run every analysis, and
/// write report.md, report.json and the figures to a folder.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var network = new Argument<string>("network") { Description = NetworkArgumentDescription };
        var options = new AnalysisCommandOptions("report");
        var metrics = new Option<string?>("--metrics") { Description = "A training run's metrics.jsonl to plot; by default the one next to the network file, if any." };

        var command = new Command("analyze", "Analyse one network (reset staircase, memory neurons, perturbation map, PCA, gate occupancy) and write a report with figures.");
        command.Arguments.Add(network);
        options.AddTo(command);
        command.Options.Add(metrics);
        command.SetAction(parseResult => Run(console, parseResult.GetValue(network)!, options.Read(parseResult), parseResult.GetValue(metrics)));
        return command;
    }

    /// <summary>Help text of a network argument, shared with <c>compare</c>.</summary>
    internal const string NetworkArgumentDescription =
        "A spec (FILE.gate, or FILE.gate:NETWORK to choose a network; the first one otherwise), an exported .safetensors file, or a training checkpoint or run folder.";

    private static int Run(CliConsole console, string reference, AnalysisCommandSettings settings, string? metricsPath)
    {
        var subject = NetworkReferenceLoader.Load(reference, console);
        if (subject is null)
        {
            return ExitCodes.UserError;
        }

        var analysisOptions = settings.ToAnalysisOptions(subject.Task);
        var reportOptions = settings.ToReportOptions([subject]);
        metricsPath ??= TrainingMetricsReader.FindForNetwork(reference);
        if (metricsPath is not null)
        {
            if (!File.Exists(metricsPath))
            {
                throw new UserErrorException($"--metrics file '{metricsPath}' does not exist.");
            }

            reportOptions = reportOptions with { TrainingMetricsPaths = new Dictionary<string, string> { [subject.Name] = metricsPath } };
        }

        var result = NetworkAnalysis.Run(subject, analysisOptions, console.Error.WriteLine);
        var content = AnalysisReport.Build(result, reportOptions, console.Error.WriteLine);
        AnalysisCommandSettings.WriteReport(settings.Output, content);

        console.Output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{subject.Name}: per-step accuracy {result.Accuracy.PerStepAccuracy:F4}, exact-sequence accuracy {result.Accuracy.ExactSequenceAccuracy:F4}, {result.Memory.MemoryNeurons.Count} memory neurons, {result.Reset.DistinctSteps} first-reset steps"));
        console.Output.WriteLine($"wrote {Path.Combine(settings.Output, ReportContent.MarkdownFileName)}, {ReportContent.JsonFileName} and {content.Files.Count(f => f.RelativePath.EndsWith(".png", StringComparison.Ordinal))} figures (PNG and SVG)");
        return ExitCodes.Success;
    }
}

/// <summary>The options <c>analyze</c> and <c>compare</c> share: trial set, thresholds, map settings and figures.</summary>
internal sealed class AnalysisCommandOptions
{
    private readonly Option<int> _trials = new("--trials") { Description = "Number of trials recorded.", DefaultValueFactory = _ => 1000 };
    private readonly Option<long?> _seed = new("--seed") { Description = "Seed of the trial generator and of the perturbation map; defaults to the (first) network's task seed." };
    private readonly Option<string?> _delay = new("--delay") { Description = "Delay range MIN..MAX (or one value) in steps; defaults to the (first) network's task range." };
    private readonly Option<string> _output;
    private readonly Option<string> _precision = new("--precision") { Description = "Floating-point type of the simulation: f32 or f64.", DefaultValueFactory = _ => "f64" };
    private readonly Option<int> _plotTrials = new("--plot-trials") { Description = "Number of trials, the first of the set, whose full trajectories are kept and drawn.", DefaultValueFactory = _ => 100 };
    private readonly Option<string?> _neurons = new("--neurons") { Description = "Neurons of the trajectory figure, comma-separated indices or labels such as 0,mem[3]; up to 12 chosen from memory and other neurons by default." };
    private readonly Option<int?> _pcaStep = new("--pca-step") { Description = "Encoding step q (0-based) whose tuned neurons the PCA figure shows; S − 2 by default." };
    private readonly Option<double> _resetThreshold = new("--reset-threshold") { Description = "ζ: a neuron resets at the first decoding step with κ = mean (1 − z)(1 − r) above it.", DefaultValueFactory = _ => ResetOptions.DefaultThreshold };
    private readonly Option<double> _memoryStd = new("--memory-min-std") { Description = "A memory neuron's h at the delay start (t = S) varies across trials with a standard deviation above this.", DefaultValueFactory = _ => 1e-6 };
    private readonly Option<double> _memoryGate = new("--memory-min-z") { Description = "A memory neuron's mean update gate over the delay is above this.", DefaultValueFactory = _ => 0.9 };
    private readonly Option<double> _gateThreshold = new("--gate-threshold") { Description = "θ for gate occupancy: a gate counts as open above it.", DefaultValueFactory = _ => 0.5 };
    private readonly Option<int> _mapIterations = new("--map-iterations") { Description = "N: sequence pairs per (step, symbol) for the perturbation map (the paper used 1000).", DefaultValueFactory = _ => 100 };
    private readonly Option<int> _mapTrials = new("--map-trials") { Description = "M: test trials per (step, symbol) and neuron count (the paper used 1000).", DefaultValueFactory = _ => 100 };
    private readonly Option<double> _mapThreshold = new("--map-threshold") { Description = "A neuron encodes a (step, symbol) pair when |Δh| at t = S exceeds this; 1e-3 as in the paper.", DefaultValueFactory = _ => 1e-3 };
    private readonly Option<int> _mapStart = new("--map-start-neurons") { Description = "First neuron count n tried (the paper started at 4).", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _mapMax = new("--map-max-neurons") { Description = "n_max, the largest neuron count tried.", DefaultValueFactory = _ => 15 };
    private readonly Option<bool> _noMap = new("--no-map") { Description = "Skip the perturbation map, its block structure and PCA (the slowest part)." };

    public AnalysisCommandOptions(string defaultOutput)
    {
        _output = new Option<string>("--output", "-o") { Description = "Folder for report.md, report.json and figures/; created if missing.", DefaultValueFactory = _ => defaultOutput };
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _trials, _seed, _delay, _output, _precision, _plotTrials, _neurons, _pcaStep, _resetThreshold, _memoryStd, _memoryGate, _gateThreshold, _mapIterations, _mapTrials, _mapThreshold, _mapStart, _mapMax, _noMap })
        {
            command.Options.Add(option);
        }
    }

    public AnalysisCommandSettings Read(ParseResult result) => new(
        result.GetValue(_trials),
        result.GetValue(_seed),
        result.GetValue(_delay),
        result.GetValue(_output)!,
        result.GetValue(_precision)!,
        result.GetValue(_plotTrials),
        result.GetValue(_neurons),
        result.GetValue(_pcaStep),
        result.GetValue(_resetThreshold),
        result.GetValue(_memoryStd),
        result.GetValue(_memoryGate),
        result.GetValue(_gateThreshold),
        new PerturbationOptions
        {
            Iterations = result.GetValue(_mapIterations),
            TestTrials = result.GetValue(_mapTrials),
            DifferenceThreshold = result.GetValue(_mapThreshold),
            StartNeurons = result.GetValue(_mapStart),
            MaxNeurons = result.GetValue(_mapMax),
        },
        !result.GetValue(_noMap));
}

/// <summary>The values of <see cref="AnalysisCommandOptions"/>, checked and turned into library settings.</summary>
internal sealed record AnalysisCommandSettings(
    int Trials,
    long? Seed,
    string? Delay,
    string Output,
    string Precision,
    int PlotTrials,
    string? Neurons,
    int? PcaStep,
    double ResetThreshold,
    double MemoryMinStd,
    double MemoryMinUpdateGate,
    double GateThreshold,
    PerturbationOptions Map,
    bool RunMap)
{
    /// <summary>Checks every value and returns the analysis settings for trials of <paramref name="task"/>.</summary>
    public AnalysisOptions ToAnalysisOptions(GateLang.Ir.TaskDefinition task)
    {
        if (Trials < 1)
        {
            throw new UserErrorException($"--trials must be at least 1, got {Trials}.");
        }

        if (PlotTrials < 0)
        {
            throw new UserErrorException($"--plot-trials must be at least 0, got {PlotTrials}.");
        }

        CheckFraction("--reset-threshold", ResetThreshold);
        CheckFraction("--memory-min-z", MemoryMinUpdateGate);
        CheckFraction("--gate-threshold", GateThreshold);
        if (!(MemoryMinStd >= 0))
        {
            throw new UserErrorException($"--memory-min-std must be at least 0, got {MemoryMinStd.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Map.Iterations < 1 || Map.TestTrials < 1)
        {
            throw new UserErrorException($"--map-iterations and --map-trials must be at least 1, got {Map.Iterations} and {Map.TestTrials}.");
        }

        if (!(Map.DifferenceThreshold >= 0))
        {
            throw new UserErrorException($"--map-threshold must be at least 0, got {Map.DifferenceThreshold.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (Map.StartNeurons < 1 || Map.MaxNeurons < Map.StartNeurons)
        {
            throw new UserErrorException($"--map-start-neurons {Map.StartNeurons} and --map-max-neurons {Map.MaxNeurons} are not valid; the start must be at least 1 and not above the maximum.");
        }

        if (PcaStep is { } step && (step < 0 || step >= task.Length))
        {
            throw new UserErrorException($"--pca-step {step} is outside the encoding steps 0..{task.Length - 1} of task '{task.Name}'.");
        }

        var (delayMin, delayMax) = Delay is null ? (task.DelayMin, task.DelayMax) : EvalCommand.ParseDelay(Delay);
        if (task.TrialLength(delayMax) > CompilerLimits.MaxTrialLength)
        {
            throw new UserErrorException($"--delay {Delay} gives trials of {task.TrialLength(delayMax)} steps, above the limit of {CompilerLimits.MaxTrialLength}; use a smaller maximum delay.");
        }

        var precision = Precision switch
        {
            "f32" or "float32" => GateLang.Simulation.Precision.Float32,
            "f64" or "float64" => GateLang.Simulation.Precision.Float64,
            _ => throw new UserErrorException($"--precision '{Precision}' is not valid; use f32 or f64."),
        };

        return new AnalysisOptions
        {
            Trials = Trials,
            Seed = Seed ?? task.Seed,
            DelayMin = delayMin,
            DelayMax = delayMax,
            Recording = new RecordingOptions { Precision = precision, KeptTrajectories = PlotTrials, GateOpenThreshold = GateThreshold },
            Reset = new ResetOptions(ResetThreshold),
            Memory = new MemoryNeuronOptions(MemoryMinStd, MemoryMinUpdateGate),
            Perturbation = Map with { Precision = precision },
            RunPerturbationMap = RunMap,
        };
    }

    /// <summary>Checks the figure settings against every network of the report.</summary>
    public ReportOptions ToReportOptions(IReadOnlyList<AnalysisSubject> subjects)
    {
        IReadOnlyList<int>? neurons = null;
        foreach (var subject in subjects)
        {
            if (Neurons is not null)
            {
                var parsed = ParseNeurons(Neurons, subject);
                if (neurons is not null && !neurons.SequenceEqual(parsed))
                {
                    throw new UserErrorException($"--neurons '{Neurons}' names different neuron indices in the two networks; give indices, which both networks share.");
                }

                neurons = parsed;
            }

            if (PcaStep is { } step && step >= subject.Task.Length)
            {
                throw new UserErrorException($"--pca-step {step} is outside the encoding steps 0..{subject.Task.Length - 1} of {subject.Name}.");
            }
        }

        return new ReportOptions { TrajectoryNeurons = neurons, PcaStep = PcaStep };
    }

    /// <summary>Writes the report; a file system error becomes a user error naming the folder.</summary>
    public static void WriteReport(string folder, ReportContent content)
    {
        if (File.Exists(folder))
        {
            throw new UserErrorException($"-o '{folder}' is a file; give a folder for the report.");
        }

        try
        {
            ReportWriter.Write(folder, content);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot write the report to '{folder}': {exception.Message} Check the folder's permissions or choose another with -o.");
        }
    }

    private static IReadOnlyList<int> ParseNeurons(string text, AnalysisSubject subject)
    {
        var labels = subject.Weights.HiddenLabels;
        var neurons = new List<int>();
        foreach (var token in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var index = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : Array.IndexOf(labels, token);
            if (index < 0 || index >= labels.Length)
            {
                throw new UserErrorException($"--neurons: '{token}' is not a neuron of {subject.Name}; give an index in 0..{labels.Length - 1} or a label such as '{labels[0]}'.");
            }

            neurons.Add(index);
        }

        if (neurons.Count == 0)
        {
            throw new UserErrorException("--neurons is empty; give comma-separated indices or labels, such as 0,1,mem[2].");
        }

        return neurons;
    }

    private static void CheckFraction(string name, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new UserErrorException($"{name} must be in [0, 1], got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}

/// <summary>
/// Loads the network a command names: a spec (with an optional <c>:NETWORK</c> suffix), an
/// exported .safetensors file, or a training checkpoint or run folder.
/// </summary>
internal static class NetworkReferenceLoader
{
    /// <summary>Returns the network, or null after printing a spec's errors.</summary>
    public static AnalysisSubject? Load(string reference, CliConsole console)
    {
        if (NetworkSource.IsNetworkFile(reference))
        {
            return LoadNetworkFile(reference);
        }

        var (path, name) = SplitSpecReference(reference);
        var spec = SpecLoader.Load(path, console);
        if (spec is null)
        {
            return null;
        }

        var networks = SpecLoader.RequireCompilable(SpecLoader.SelectNetworks(spec, path, name), path, name);
        var definition = networks[0];
        if (name is null && networks.Count > 1)
        {
            console.Error.WriteLine($"{path} declares {networks.Count} networks with blocks; analysing the first, '{definition.Name}'. Choose another with {path}:NAME.");
        }

        var compiled = NetworkCompiler.Compile(definition);
        return AnalysisSubject.FromCompiled(compiled, $"{path}:{definition.Name}");
    }

    /// <summary>
    /// Splits <c>FILE.gate:NETWORK</c>. A path that exists as it is, such as one with a colon in a
    /// folder name, is taken whole.
    /// </summary>
    private static (string Path, string? Name) SplitSpecReference(string reference)
    {
        if (File.Exists(reference))
        {
            return (reference, null);
        }

        var colon = reference.LastIndexOf(':');
        if (colon > 0 && colon < reference.Length - 1 && File.Exists(reference[..colon]))
        {
            return (reference[..colon], reference[(colon + 1)..]);
        }

        return (reference, null);
    }

    /// <summary>Reads an export, a training checkpoint or a run folder, turning read errors into user errors.</summary>
    private static AnalysisSubject LoadNetworkFile(string path)
    {
        LoadedNetwork loaded;
        try
        {
            loaded = NetworkSource.Load(path);
        }
        catch (FileNotFoundException)
        {
            throw new UserErrorException($"network file '{path}' does not exist.");
        }
        catch (Exception exception) when (exception is ExportFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(exception.Message);
        }

        var blocks = AnalysisSubject.ReadBlocks(loaded.Metadata, loaded.Weights.HiddenSize);
        var kind = loaded.Kind == LoadedNetworkKind.Checkpoint ? "checkpoint" : "export";
        return new AnalysisSubject(loaded.NetworkName, $"{loaded.Path} ({kind})", loaded.Weights, loaded.Task, blocks);
    }
}
