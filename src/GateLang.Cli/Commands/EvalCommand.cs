using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.IO;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Cli.Commands;

/// <summary>
/// <c>gatelang eval FILE</c>: compile a spec's network, or read one from an export, a training
/// checkpoint or a run folder, and score it on seeded VDCM trials in float32, float64 or both.
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .gate spec to evaluate, or a .safetensors export, a training checkpoint or a training run folder." };
        var network = new Option<string?>("--network") { Description = "Name of the network to evaluate; needed when the spec declares several." };
        var trials = new Option<int>("--trials") { Description = "Number of trials to run.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long?>("--seed") { Description = "Seed of the trial generator; defaults to the task's seed." };
        var delay = new Option<string?>("--delay") { Description = "Delay range MIN..MAX (or one value) in steps; defaults to the task's range." };
        var precision = new Option<string>("--precision") { Description = "Floating-point type of the simulation: f32, f64 or both.", DefaultValueFactory = _ => "both" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON for scripts." };

        var command = new Command("eval", "Compile a network, or read a trained one, and measure its accuracy, logit margin and cross-entropy on seeded trials.");
        command.Arguments.Add(file);
        command.Options.Add(network);
        command.Options.Add(trials);
        command.Options.Add(seed);
        command.Options.Add(delay);
        command.Options.Add(precision);
        command.Options.Add(json);
        command.SetAction(parseResult => Run(
            console,
            parseResult.GetValue(file)!,
            parseResult.GetValue(network),
            parseResult.GetValue(trials),
            parseResult.GetValue(seed),
            parseResult.GetValue(delay),
            parseResult.GetValue(precision)!,
            parseResult.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string file, string? networkName, int trialCount, long? seed, string? delayText, string precisionText, bool json)
    {
        if (trialCount < 1)
        {
            throw new UserErrorException($"--trials must be at least 1, got {trialCount}.");
        }

        var precisions = ParsePrecisions(precisionText);
        string evaluatedName;
        TaskDefinition task;
        GruWeights weights;
        if (NetworkSource.IsNetworkFile(file))
        {
            var loaded = LoadNetworkFile(file, networkName);
            (evaluatedName, task, weights) = (loaded.NetworkName, loaded.Task, loaded.Weights);
        }
        else
        {
            var spec = SpecLoader.Load(file, console);
            if (spec is null)
            {
                return ExitCodes.UserError;
            }

            var definition = SpecLoader.RequireCompilable([SpecLoader.SelectOneNetwork(spec, file, networkName)], file, networkName)[0];
            (evaluatedName, task, weights) = (definition.Name, definition.Task, NetworkCompiler.Compile(definition).Weights);
        }

        var (delayMin, delayMax) = delayText is null ? (task.DelayMin, task.DelayMax) : ParseDelay(delayText);
        if (task.TrialLength(delayMax) > CompilerLimits.MaxTrialLength)
        {
            throw new UserErrorException($"--delay {delayText} gives trials of {task.TrialLength(delayMax)} steps, above the limit of {CompilerLimits.MaxTrialLength}; use a smaller maximum delay.");
        }

        var trialSeed = seed ?? task.Seed;
        var results = new List<EvaluationResult>();
        foreach (var precision in precisions)
        {
            // Each precision runs the same trials, because the generator is re-created from the seed.
            var trials = new TrialGenerator(task, trialSeed, delayMin, delayMax).Take(trialCount);
            results.Add(Evaluator.Evaluate(weights, task, trials, precision));
        }

        var report = new EvalReport(evaluatedName, task.Name, task.Kind.ToString().ToLowerInvariant(), task.Symbols, task.Length, delayMin, delayMax, trialCount, trialSeed, results);
        if (json)
        {
            EvalReportWriter.WriteJson(report, console.Output);
        }
        else
        {
            EvalReportWriter.WriteText(report, console.Output);
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads an exported network, a training checkpoint or a run folder, turning read errors into user errors.</summary>
    private static LoadedNetwork LoadNetworkFile(string path, string? networkName)
    {
        LoadedNetwork loaded;
        try
        {
            loaded = NetworkSource.Load(path);
        }
        catch (Exception exception) when (exception is ExportFormatException or IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(exception.Message);
        }

        if (networkName is not null && networkName != loaded.NetworkName)
        {
            throw new UserErrorException($"{path} contains network '{loaded.NetworkName}', not '{networkName}'; leave out --network or name that network.");
        }

        return loaded;
    }

    internal static Precision[] ParsePrecisions(string text) => text switch
    {
        "f32" or "float32" => [Precision.Float32],
        "f64" or "float64" => [Precision.Float64],
        "both" => [Precision.Float32, Precision.Float64],
        _ => throw new UserErrorException($"--precision '{text}' is not valid; use f32, f64 or both."),
    };

    internal static (int Min, int Max) ParseDelay(string text)
    {
        var parts = text.Split("..");
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
        {
            throw new UserErrorException($"--delay '{text}' is not valid; write MIN..MAX or one value, in whole steps, for example 100..120.");
        }

        if (min < 1 || max < min)
        {
            throw new UserErrorException($"--delay {text} is not valid: the minimum must be at least 1 and not above the maximum.");
        }

        return (min, max);
    }
}

/// <summary>The results of one <c>eval</c> run, one entry per precision.</summary>
internal sealed record EvalReport(
    string Network,
    string Task,
    string Kind,
    int Symbols,
    int Length,
    int DelayMin,
    int DelayMax,
    int Trials,
    long Seed,
    IReadOnlyList<EvaluationResult> Results);

internal static class EvalReportWriter
{
    public static void WriteText(EvalReport report, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"network {report.Network} on task {report.Task} ({report.Kind}, K = {report.Symbols}, S = {report.Length}, T = {report.DelayMin}..{report.DelayMax}), {report.Trials} trials, seed {report.Seed}"));
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"{"precision",-10} {"per-step acc",12} {"exact-seq acc",13} {"min margin",12} {"cross-entropy",14} {"memoryless CE",14}"));
        foreach (var result in report.Results)
        {
            output.WriteLine(string.Create(inv, $"{Name(result.Precision),-10} {result.PerStepAccuracy,12:F6} {result.ExactSequenceAccuracy,13:F3} {result.MinMargin,12:G4} {result.CrossEntropy,14:G4} {result.MemorylessCrossEntropy,14:G4}"));
        }

        foreach (var result in report.Results)
        {
            output.WriteLine();
            var at = result.MinMarginAt;
            output.WriteLine(string.Create(inv, $"{Name(result.Precision)}: minimum margin {result.MinMargin:G4} at trial {at.TrialIndex}, step {at.Step} (delay {at.Trial.Delay}, symbols {Symbols(at.Trial)})"));
            if (result.FirstFailure is { } failure)
            {
                var decoding = string.Join(" ", result.DecodingStepAccuracy.Select(a => a.ToString("F3", inv)));
                output.WriteLine(string.Create(inv, $"{Name(result.Precision)}: accuracy per decoding step: {decoding}"));
                output.WriteLine(string.Create(inv, $"{Name(result.Precision)}: first wrong step: trial {failure.At.TrialIndex}, step {failure.At.Step}, expected class {failure.Expected}, output {failure.Output} (delay {failure.At.Trial.Delay}, symbols {Symbols(failure.At.Trial)})"));
            }
        }
    }

    public static void WriteJson(EvalReport report, TextWriter output)
    {
        var document = new
        {
            network = report.Network,
            task = report.Task,
            kind = report.Kind,
            symbols = report.Symbols,
            length = report.Length,
            delayMin = report.DelayMin,
            delayMax = report.DelayMax,
            trials = report.Trials,
            seed = report.Seed,
            results = report.Results.Select(r => new
            {
                precision = Name(r.Precision),
                steps = r.Steps,
                perStepAccuracy = r.PerStepAccuracy,
                exactSequenceAccuracy = r.ExactSequenceAccuracy,
                decodingStepAccuracy = r.DecodingStepAccuracy,
                minMargin = r.MinMargin,
                minMarginAt = new { trial = r.MinMarginAt.TrialIndex, step = r.MinMarginAt.Step, delay = r.MinMarginAt.Trial.Delay, symbols = r.MinMarginAt.Trial.Symbols },
                crossEntropy = r.CrossEntropy,
                memorylessCrossEntropy = r.MemorylessCrossEntropy,
                firstFailure = r.FirstFailure is { } f
                    ? new { trial = f.At.TrialIndex, step = f.At.Step, expected = f.Expected, output = f.Output, delay = f.At.Trial.Delay, symbols = f.At.Trial.Symbols }
                    : null,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Name(Precision precision) => precision == Precision.Float32 ? "float32" : "float64";

    private static string Symbols(Trial trial) => string.Concat(trial.Symbols.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
