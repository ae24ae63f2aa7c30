using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GateLang.Compilation;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Verification;

namespace GateLang.Cli.Commands;

/// <summary>
/// <c>gatelang verify FILE</c>: compile a network and run it on every input sequence at every
/// delay, in float32 and float64. Exits with 0 when every trial is exact and 1 when a
/// counterexample exists (or on invalid input), so scripts can test the result.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .gate spec to verify." };
        var network = new Option<string?>("--network") { Description = "Name of the network to verify; needed when the spec declares several." };
        var limit = new Option<long>("--limit") { Description = "Largest number of sequences K^S that is checked completely; above it, --samples random sequences are checked.", DefaultValueFactory = _ => 1_000_000 };
        var samples = new Option<int>("--samples") { Description = "Number of random sequences checked when K^S is above --limit.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the sequence sampler, used only when sampling.", DefaultValueFactory = _ => 1 };
        var delay = new Option<string?>("--delay") { Description = "Delay range MIN..MAX (or one value) in steps; defaults to the task's range." };
        var precision = new Option<string>("--precision") { Description = "Floating-point type of the simulation: f32, f64 or both.", DefaultValueFactory = _ => "both" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON for scripts." };

        var command = new Command("verify", "Run a network on every input sequence at every delay and print the smallest counterexample; exit code 0 when every trial is exact, 1 otherwise.");
        command.Arguments.Add(file);
        command.Options.Add(network);
        command.Options.Add(limit);
        command.Options.Add(samples);
        command.Options.Add(seed);
        command.Options.Add(delay);
        command.Options.Add(precision);
        command.Options.Add(json);
        command.SetAction(parseResult => Run(
            console,
            parseResult.GetValue(file)!,
            parseResult.GetValue(network),
            new VerificationOptions
            {
                Limit = parseResult.GetValue(limit),
                Samples = parseResult.GetValue(samples),
                Seed = parseResult.GetValue(seed),
            },
            parseResult.GetValue(delay),
            parseResult.GetValue(precision)!,
            parseResult.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string file, string? networkName, VerificationOptions options, string? delayText, string precisionText, bool json)
    {
        if (options.Limit < 1)
        {
            throw new UserErrorException($"--limit must be at least 1, got {options.Limit}.");
        }

        if (options.Samples < 1)
        {
            throw new UserErrorException($"--samples must be at least 1, got {options.Samples}.");
        }

        var precisions = EvalCommand.ParsePrecisions(precisionText);
        var spec = SpecLoader.Load(file, console);
        if (spec is null)
        {
            return ExitCodes.UserError;
        }

        var definition = SpecLoader.SelectOneNetwork(spec, file, networkName);
        var task = definition.Task;
        var (delayMin, delayMax) = delayText is null ? (task.DelayMin, task.DelayMax) : EvalCommand.ParseDelay(delayText);
        if (task.TrialLength(delayMax) > CompilerLimits.MaxTrialLength)
        {
            throw new UserErrorException($"--delay {delayText} gives trials of {task.TrialLength(delayMax)} steps, above the limit of {CompilerLimits.MaxTrialLength}; use a smaller maximum delay.");
        }

        var sequences = NetworkVerifier.CountSequences(task.Symbols, task.Length);
        if (sequences > options.Limit && (long)options.Samples * task.Length > int.MaxValue)
        {
            throw new UserErrorException($"--samples {options.Samples} with sequences of {task.Length} symbols is too many to hold; use at most {int.MaxValue / task.Length} samples.");
        }

        var compiled = NetworkCompiler.Compile(definition);
        options = options with { DelayMin = delayMin, DelayMax = delayMax };
        var results = precisions.Select(p => NetworkVerifier.Verify(compiled.Weights, task, options, p)).ToList();

        var report = new VerifyReport(definition.Name, task.Name, task.Kind.ToString().ToLowerInvariant(), task.Symbols, task.Length, sequences, results);
        if (json)
        {
            VerifyReportWriter.WriteJson(report, console.Output);
        }
        else
        {
            VerifyReportWriter.WriteText(report, console.Output);
        }

        return results.All(r => r.AllExact) ? ExitCodes.Success : ExitCodes.UserError;
    }

}

/// <summary>The results of one <c>verify</c> run, one entry per precision.</summary>
internal sealed record VerifyReport(
    string Network,
    string Task,
    string Kind,
    int Symbols,
    int Length,
    long AllSequences,
    IReadOnlyList<VerificationResult> Results);

internal static class VerifyReportWriter
{
    private const string Order = "shortest delay, then lexicographically smallest sequence, then first wrong step";

    public static void WriteText(VerifyReport report, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var first = report.Results[0];
        output.WriteLine(string.Create(inv, $"network {report.Network} on task {report.Task} ({report.Kind}, K = {report.Symbols}, S = {report.Length}, T = {first.DelayMin}..{first.DelayMax})"));
        var sequences = first.Exhaustive
            ? string.Create(inv, $"all {first.Sequences:N0} sequences ({report.Symbols}^{report.Length})")
            : string.Create(inv, $"{first.Sequences:N0} random sequences of {AllSequences(report)}");
        output.WriteLine(string.Create(inv, $"{sequences} at {first.DelayMax - first.DelayMin + 1} delays: {first.Trials:N0} trials, {first.Steps:N0} steps"));
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"{"precision",-10} {"trials",10} {"failed",10} {"min margin",12} {"compute (s)",12}"));
        foreach (var result in report.Results)
        {
            output.WriteLine(string.Create(inv, $"{Name(result.Precision),-10} {result.Trials,10} {result.FailedTrials,10} {result.MinMargin,12:G4} {result.ComputeTime.TotalSeconds,12:F3}"));
        }

        output.WriteLine();
        foreach (var result in report.Results)
        {
            if (result.MinMarginAt is { } at)
            {
                output.WriteLine(string.Create(inv, $"{Name(result.Precision)}: minimum margin {result.MinMargin:G4} at delay {at.Delay}, step {at.Step}, symbols {Symbols(at.Symbols, report.Symbols)}"));
            }

            if (result.Counterexample is { } counterexample)
            {
                var step = counterexample.At;
                output.WriteLine(string.Create(inv, $"{Name(result.Precision)}: counterexample ({Order}): symbols {Symbols(step.Symbols, report.Symbols)}, delay {step.Delay}, step {step.Step}: expected class {counterexample.Expected}, output {counterexample.Output} (margin {counterexample.Margin:G4})"));
            }
        }

        var compute = report.Results.Sum(r => r.ComputeTime.TotalSeconds);
        var names = string.Join(" and ", report.Results.Select(r => Name(r.Precision)));
        output.WriteLine();
        if (report.Results.All(r => r.AllExact))
        {
            output.WriteLine(string.Create(inv, $"verified: every trial is exact in {names} (compute time {compute:F3} s)"));
        }
        else
        {
            var failed = string.Join(", ", report.Results.Where(r => !r.AllExact).Select(r => string.Create(inv, $"{r.FailedTrials:N0} of {r.Trials:N0} trials in {Name(r.Precision)}")));
            output.WriteLine(string.Create(inv, $"failed: {failed} have a wrong step (compute time {compute:F3} s)"));
        }
    }

    public static void WriteJson(VerifyReport report, TextWriter output)
    {
        var document = new
        {
            network = report.Network,
            task = report.Task,
            kind = report.Kind,
            symbols = report.Symbols,
            length = report.Length,
            allSequences = report.AllSequences == long.MaxValue ? (long?)null : report.AllSequences,
            verified = report.Results.All(r => r.AllExact),
            counterexampleOrder = Order,
            results = report.Results.Select(r => new
            {
                precision = Name(r.Precision),
                exhaustive = r.Exhaustive,
                sequences = r.Sequences,
                delayMin = r.DelayMin,
                delayMax = r.DelayMax,
                trials = r.Trials,
                steps = r.Steps,
                failedTrials = r.FailedTrials,
                minMargin = r.MinMargin,
                minMarginAt = r.MinMarginAt is { } at ? new { symbols = at.Symbols, delay = at.Delay, step = at.Step } : null,
                counterexample = r.Counterexample is { } c
                    ? new { symbols = c.At.Symbols, delay = c.At.Delay, step = c.At.Step, expected = c.Expected, output = c.Output, margin = c.Margin }
                    : null,
                computeSeconds = r.ComputeTime.TotalSeconds,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }

    private static string AllSequences(VerifyReport report) =>
        report.AllSequences == long.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{report.Symbols}^{report.Length}")
            : string.Create(CultureInfo.InvariantCulture, $"{report.AllSequences:N0} ({report.Symbols}^{report.Length})");

    private static string Name(Precision precision) => precision == Precision.Float32 ? "float32" : "float64";

    /// <summary>Writes symbols as digits, or separated by spaces when K is above 10.</summary>
    private static string Symbols(int[] symbols, int alphabet) =>
        string.Join(alphabet <= 10 ? string.Empty : " ", symbols.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
