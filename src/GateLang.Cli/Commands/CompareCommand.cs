using System.CommandLine;
using System.Globalization;
using GateLang.Analysis;
using GateLang.Reports;

namespace GateLang.Cli.Commands;

/// <summary>
/// <c>gatelang compare A B</c>: analyse two networks of the same task on the same seeded trials
/// and write a side-by-side report with each network's figures.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var first = new Argument<string>("a") { Description = "The first network. " + AnalyzeCommand.NetworkArgumentDescription };
        var second = new Argument<string>("b") { Description = "The second network, in the same forms." };
        var options = new AnalysisCommandOptions("comparison");

        var command = new Command("compare", "Analyse two networks on the same trials, such as a synthetic and a trained one, and write a side-by-side report.");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        options.AddTo(command);
        command.SetAction(parseResult => Run(console, parseResult.GetValue(first)!, parseResult.GetValue(second)!, options.Read(parseResult)));
        return command;
    }

    private static int Run(CliConsole console, string referenceA, string referenceB, AnalysisCommandSettings settings)
    {
        var a = NetworkReferenceLoader.Load(referenceA, console);
        var b = NetworkReferenceLoader.Load(referenceB, console);
        if (a is null || b is null)
        {
            return ExitCodes.UserError;
        }

        if (a.Task.Symbols != b.Task.Symbols || a.Task.Length != b.Task.Length || a.Task.Kind != b.Task.Kind)
        {
            throw new UserErrorException(
                $"the networks solve different tasks: {a.Name} has {Describe(a)} and {b.Name} has {Describe(b)}; compare needs the same kind, K and S so that both run the same trials.");
        }

        if (a.Name == b.Name)
        {
            b = b with { Name = b.Name + " (B)" };
        }

        // Both networks run A's trial set: the seed and delay range default to A's task.
        var analysisOptions = settings.ToAnalysisOptions(a.Task);
        if (settings.Delay is null && (a.Task.DelayMin != b.Task.DelayMin || a.Task.DelayMax != b.Task.DelayMax))
        {
            console.Error.WriteLine($"note: {b.Name}'s task has T = {b.Task.DelayMin}..{b.Task.DelayMax}; both networks run {a.Name}'s T = {a.Task.DelayMin}..{a.Task.DelayMax}. Set another range with --delay.");
        }

        var reportOptions = settings.ToReportOptions([a, b]);
        var metrics = new Dictionary<string, string>();
        foreach (var (subject, reference) in new[] { (a, referenceA), (b, referenceB) })
        {
            if (TrainingMetricsReader.FindForNetwork(reference) is { } path)
            {
                metrics[subject.Name] = path;
            }
        }

        reportOptions = reportOptions with { TrainingMetricsPaths = metrics };
        var resultA = NetworkAnalysis.Run(a, analysisOptions, console.Error.WriteLine);
        var resultB = NetworkAnalysis.Run(b, analysisOptions, console.Error.WriteLine);
        var content = AnalysisReport.BuildComparison(resultA, resultB, reportOptions, console.Error.WriteLine);
        AnalysisCommandSettings.WriteReport(settings.Output, content);

        foreach (var result in new[] { resultA, resultB })
        {
            console.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Subject.Name}: per-step accuracy {result.Accuracy.PerStepAccuracy:F4}, exact-sequence accuracy {result.Accuracy.ExactSequenceAccuracy:F4}, {result.Memory.MemoryNeurons.Count} memory neurons, {result.Reset.DistinctSteps} first-reset steps"));
        }

        console.Output.WriteLine($"wrote {Path.Combine(settings.Output, ReportContent.MarkdownFileName)}, {ReportContent.JsonFileName} and {content.Files.Count(f => f.RelativePath.EndsWith(".png", StringComparison.Ordinal))} figures (PNG and SVG)");
        return ExitCodes.Success;
    }

    private static string Describe(AnalysisSubject subject) =>
        $"{subject.Task.Kind.ToString().ToLowerInvariant()} with K = {subject.Task.Symbols}, S = {subject.Task.Length}";
}
