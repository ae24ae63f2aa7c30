using System.Globalization;
using System.Text;
using GateLang.Analysis;

namespace GateLang.Reports;

/// <summary>The report.md text: tables of the main numbers and the figures, for one or two networks.</summary>
internal static class ReportMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Build(IReadOnlyList<NetworkReport> networks, IReadOnlyList<RenderedFigureEntry> figures)
    {
        var text = new StringBuilder();
        if (networks.Count == 1)
        {
            var result = networks[0].Result;
            text.AppendLine($"# Analysis of {result.Subject.Name}");
            text.AppendLine();
            AppendNetwork(text, networks[0], figures, level: 2);
        }
        else
        {
            text.AppendLine($"# Comparison of {networks[0].Result.Subject.Name} (A) and {networks[1].Result.Subject.Name} (B)");
            text.AppendLine();
            AppendComparison(text, networks[0], networks[1]);
            foreach (var network in networks)
            {
                text.AppendLine($"## {network.Key.ToUpperInvariant()}: {network.Result.Subject.Name}");
                text.AppendLine();
                AppendNetwork(text, network, figures, level: 3);
            }
        }

        text.AppendLine("Every number above, and the settings behind it, is in report.json. Steps and neuron indices are 0-based.");
        return text.ToString();
    }

    private static void AppendComparison(StringBuilder text, NetworkReport a, NetworkReport b)
    {
        var sa = NetworkSummary.From(a.Result);
        var sb = NetworkSummary.From(b.Result);
        text.AppendLine("## Side by side");
        text.AppendLine();
        AppendTrialSet(text, a.Result);
        text.AppendLine("| measure | A | B |");
        text.AppendLine("|---|---|---|");
        Row(text, "network", sa.Name, sb.Name);
        Row(text, "source", $"`{sa.Source}`", $"`{sb.Source}`");
        Row(text, "hidden size", Int(sa.HiddenSize), Int(sb.HiddenSize));
        Row(text, "per-step accuracy", Num(sa.PerStepAccuracy, "F4"), Num(sb.PerStepAccuracy, "F4"));
        Row(text, "exact-sequence accuracy", Num(sa.ExactSequenceAccuracy, "F4"), Num(sb.ExactSequenceAccuracy, "F4"));
        Row(text, "failing decoding steps", Steps(sa.FailingDecodingSteps), Steps(sb.FailingDecodingSteps));
        Row(text, "memory neurons", Int(sa.MemoryNeurons.Count), Int(sb.MemoryNeurons.Count));
        Row(text, "distinct first-reset steps", Int(sa.StaircaseSteps), Int(sb.StaircaseSteps));
        Row(text, "neurons per first-reset step (k: count)", Stairs(sa.Staircase), Stairs(sb.Staircase));
        Row(text, "neurons never reset", Int(sa.NeverReset), Int(sb.NeverReset));
        Row(text, "map: pairs with all M trials successful", Optional(sa.MapPairsAllSucceeded, sa.Symbols * sa.Length), Optional(sb.MapPairsAllSucceeded, sb.Symbols * sb.Length));
        Row(text, "map: mean success rate", Optional(sa.MapMeanSuccessRate), Optional(sb.MapMeanSuccessRate));
        Row(text, "map: mean neurons written per pair", Optional(sa.MapMeanNeuronsUsed), Optional(sb.MapMeanNeuronsUsed));
        Row(text, "map: distinct neurons written", Optional(sa.MapNeuronsUsed), Optional(sb.MapNeuronsUsed));
        foreach (var phase in Enum.GetValues<TrialPhase>())
        {
            Row(text, $"memory neurons: z > θ, {Phase(phase)}", MemoryOccupancy(sa, phase, update: true), MemoryOccupancy(sb, phase, update: true));
        }

        foreach (var phase in Enum.GetValues<TrialPhase>())
        {
            Row(text, $"other neurons: z > θ, {Phase(phase)}", OtherOccupancy(sa, phase), OtherOccupancy(sb, phase));
        }

        text.AppendLine();
        text.AppendLine($"Gate occupancy θ = {Num(sa.Occupancy.Threshold)}. Per-block occupancy, where blocks are known, is in each network's section.");
        text.AppendLine();
    }

    private static void AppendNetwork(StringBuilder text, NetworkReport report, IReadOnlyList<RenderedFigureEntry> figures, int level)
    {
        var result = report.Result;
        var subject = result.Subject;
        var labels = subject.Weights.HiddenLabels;
        var heading = new string('#', level);
        var task = subject.Task;

        text.AppendLine($"Network `{subject.Name}` from `{subject.Source}`: hidden size {subject.Weights.HiddenSize}, task `{task.Name}` ({task.Kind.ToString().ToLowerInvariant()}, K = {task.Symbols}, S = {task.Length}).");
        if (subject.Blocks.Count > 0)
        {
            text.AppendLine($"Blocks: {string.Join(", ", subject.Blocks.Select(b => $"{b.Name} ({b.Kind}, h{b.Offset}..h{b.Offset + b.Size - 1})"))}.");
        }

        text.AppendLine();
        AppendTrialSet(text, result);

        var accuracy = result.Accuracy;
        text.AppendLine($"{heading} Accuracy");
        text.AppendLine();
        text.AppendLine("| per-step | exact-sequence | encoding | delay | decoding | failed trials |");
        text.AppendLine("|---|---|---|---|---|---|");
        text.AppendLine($"| {Num(accuracy.PerStepAccuracy, "F4")} | {Num(accuracy.ExactSequenceAccuracy, "F4")} | {Num(accuracy.PhaseAccuracy[TrialPhase.Encoding], "F4")} | {Num(accuracy.PhaseAccuracy[TrialPhase.Delay], "F4")} | {Num(accuracy.PhaseAccuracy[TrialPhase.Decoding], "F4")} | {accuracy.FailedTrials} of {accuracy.Trials} |");
        text.AppendLine();
        text.AppendLine("Accuracy per decoding step k:");
        text.AppendLine();
        text.AppendLine("| k | " + string.Join(" | ", Enumerable.Range(0, task.Length).Select(Int)) + " |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", task.Length)));
        text.AppendLine("| accuracy | " + string.Join(" | ", accuracy.DecodingStepAccuracy.Select(a => Num(a, "F3"))) + " |");
        text.AppendLine();
        text.AppendLine(accuracy.FailingDecodingSteps.Count == 0
            ? "No decoding step fails."
            : $"Failing decoding steps: {Steps(accuracy.FailingDecodingSteps)}. First failed trials: " +
              string.Join("; ", accuracy.FailureExamples.Take(3).Select(f => $"trial {f.TrialIndex} (T = {f.Delay}, expected {string.Concat(f.ExpectedOutputs)}, output {string.Concat(f.DecodingOutputs)}, first wrong step t = {f.FirstWrongStep})")) + ".");
        text.AppendLine();

        var reset = result.Reset;
        text.AppendLine($"{heading} Reset staircase");
        text.AppendLine();
        text.AppendLine($"κ = mean over trials of (1 − z)(1 − r) at each decoding step; a neuron resets at the first step with κ > ζ = {Num(reset.Threshold)}.");
        text.AppendLine();
        text.AppendLine("| first reset step k | neurons | count |");
        text.AppendLine("|---|---|---|");
        foreach (var stair in reset.Stairs)
        {
            text.AppendLine($"| {stair.DecodingStep} | {Names(stair.Neurons, labels)} | {stair.Neurons.Count} |");
        }

        text.AppendLine($"| never | {Names(reset.NeverReset, labels)} | {reset.NeverReset.Count} |");
        text.AppendLine();
        AppendFigure(text, figures, report.Key, ResetFigure.Name);

        var memory = result.Memory;
        text.AppendLine($"{heading} Memory neurons");
        text.AppendLine();
        text.AppendLine($"A memory neuron has a standard deviation of h_S across trials above {Num(memory.Options.MinStd)} (t = S is the delay start) and a mean update gate over the delay above {Num(memory.Options.MinUpdateGate)}.");
        text.AppendLine();
        text.AppendLine($"{memory.MemoryNeurons.Count} memory neurons: {Names(memory.MemoryNeurons, labels)}.");
        text.AppendLine();
        if (result.Recording.DelaySteps == 0)
        {
            text.AppendLine("Every trial has delay T = 1, so the delay has no blank step, no update gate is measured there, and no neuron can qualify. Use a longer --delay.");
            text.AppendLine();
        }

        if (memory.MemoryNeurons.Count > 0)
        {
            text.AppendLine("| neuron | std of h_S | mean z in delay | first reset step |");
            text.AppendLine("|---|---|---|---|");
            foreach (var neuron in memory.MemoryNeurons.Take(40))
            {
                var stats = memory.Neurons[neuron];
                text.AppendLine($"| {labels[neuron]} | {Num(stats.StdAtDelayStart)} | {Num(stats.MeanUpdateGate!.Value, "F6")} | {reset.FirstResetStep[neuron]?.ToString(Invariant) ?? "never"} |");
            }

            if (memory.MemoryNeurons.Count > 40)
            {
                text.AppendLine($"| … {memory.MemoryNeurons.Count - 40} more in report.json | | | |");
            }

            text.AppendLine();
        }

        AppendMap(text, report, figures, heading);
        AppendOccupancy(text, result, heading);

        text.AppendLine($"{heading} Trajectories");
        text.AppendLine();
        AppendFigure(text, figures, report.Key, TrajectoryFigure.Name);

        if (report.Training is not null)
        {
            text.AppendLine($"{heading} Training");
            text.AppendLine();
            var last = report.Training.Epochs[^1];
            text.AppendLine($"From `{report.Training.Path}`: {report.Training.Epochs.Count} epochs; last epoch {last.Epoch}: validation loss {Optional(last.ValidationLoss)}, per-step accuracy {Optional(last.PerStepAccuracy)}, exact-sequence accuracy {Optional(last.ExactSequenceAccuracy)}.");
            text.AppendLine();
            AppendFigure(text, figures, report.Key, TrainingCurveFigure.Name);
        }

        text.AppendLine($"{heading} Recording");
        text.AppendLine();
        text.AppendLine(result.Recording.DescribeContents());
        text.AppendLine();
        text.AppendLine("| stage | wall-clock time (s) |");
        text.AppendLine("|---|---|");
        foreach (var (stage, seconds) in result.Timings)
        {
            text.AppendLine($"| {StageName(stage)} | {seconds.ToString("F2", Invariant)} |");
        }
        text.AppendLine();
    }

    private static void AppendMap(StringBuilder text, NetworkReport report, IReadOnlyList<RenderedFigureEntry> figures, string heading)
    {
        var result = report.Result;
        var labels = result.Subject.Weights.HiddenLabels;
        var symbols = result.Subject.Weights.OutputLabels;
        text.AppendLine($"{heading} Perturbation map");
        text.AppendLine();
        if (result.Map is not { } map)
        {
            text.AppendLine("Not run.");
            text.AppendLine();
            return;
        }

        var o = map.Options;
        text.AppendLine(
            $"Algorithm 1 of \"Gating Mechanisms Underlying Sequence-to-Sequence Working Memory\" with N = {o.Iterations} sequence pairs and M = {o.TestTrials} test trials per (q, p) (the paper used 1000 each), " +
            $"difference threshold {Num(o.DifferenceThreshold)}, n = {o.StartNeurons}..{o.MaxNeurons}, seed {o.Seed}. " +
            "A test trial succeeds when writing the n neurons' expected values into h_S makes decoding step q output p and leaves every other output as it was.");
        text.AppendLine();
        text.AppendLine("| q | p | neurons recorded | n | neurons written (expected value) | success rate | outcome |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var entry in map.Entries)
        {
            var written = string.Join(", ", entry.Recorded.Take(entry.NeuronsUsed).Select(r => $"{labels[r.Neuron]} ({Num(r.ExpectedValue)})"));
            text.AppendLine($"| {entry.Step} | {symbols[entry.Symbol]} | {entry.Recorded.Count} | {entry.NeuronsUsed} | {(written.Length == 0 ? "–" : written)} | {Num(entry.SuccessRate, "F3")} | {Outcome(entry.Outcome)} |");
        }

        text.AppendLine();
        AppendFigure(text, figures, report.Key, PerturbationFigures.SuccessName);
        AppendFigure(text, figures, report.Key, PerturbationFigures.BlockName);

        text.AppendLine($"{heading} PCA of tuned neurons");
        text.AppendLine();
        text.AppendLine("Neurons tuned to step q are those whose most frequent step in the block structure is q. PCA of their h_S over all trials; each component's largest loading is positive.");
        text.AppendLine();
        text.AppendLine("| q | tuned neurons | PC1 variance share | PC2 variance share |");
        text.AppendLine("|---|---|---|---|");
        foreach (var pca in result.Pca)
        {
            var ratios = pca.Pca?.ExplainedVarianceRatio;
            text.AppendLine($"| {pca.Step} | {Names(pca.Neurons, labels)} | {(ratios is { Count: > 0 } ? Num(ratios[0], "F3") : "–")} | {(ratios is { Count: > 1 } ? Num(ratios[1], "F3") : "–")} |");
        }

        text.AppendLine();
        if (!AppendFigure(text, figures, report.Key, PcaFigure.Name))
        {
            text.AppendLine($"No neuron is tuned to step {report.PcaStep}, so there is no PCA figure; choose another step with --pca-step.");
            text.AppendLine();
        }
    }

    private static void AppendOccupancy(StringBuilder text, NetworkAnalysisResult result, string heading)
    {
        var occupancy = result.Occupancy;
        text.AppendLine($"{heading} Gate occupancy");
        text.AppendLine();
        text.AppendLine($"Fraction of (neuron, step) pairs with the gate above θ = {Num(occupancy.Threshold)}, per phase (the delimiter step counts as delay).");
        text.AppendLine();
        text.AppendLine("| group | neurons | z > θ encoding | z > θ delay | z > θ decoding | r > θ encoding | r > θ delay | r > θ decoding |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in occupancy.ByBlock.Concat(occupancy.ByMemoryClass))
        {
            text.AppendLine(
                $"| {group.Group} ({group.Kind}) | {group.Neurons.Count} | " +
                string.Join(" | ", Enum.GetValues<TrialPhase>().Select(p => Num(group.UpdateGateOpen[p], "F3"))) + " | " +
                string.Join(" | ", Enum.GetValues<TrialPhase>().Select(p => Num(group.ResetGateOpen[p], "F3"))) + " |");
        }

        text.AppendLine();
        if (occupancy.ByBlock.Count == 0)
        {
            text.AppendLine("The network declares no blocks, so the groups are the memory neurons found above and the rest.");
            text.AppendLine();
        }
    }

    private static void AppendTrialSet(StringBuilder text, NetworkAnalysisResult result)
    {
        var set = result.TrialSet;
        text.AppendLine($"Trial set: {set.Trials} trials, seed {set.Seed}, delay T uniform in {set.DelayMin}..{set.DelayMax}, simulated in {(result.Recording.Precision == GateLang.Simulation.Precision.Float32 ? "float32" : "float64")}.");
        text.AppendLine();
    }

    private static bool AppendFigure(StringBuilder text, IReadOnlyList<RenderedFigureEntry> figures, string key, string name)
    {
        var entry = figures.FirstOrDefault(f => f.NetworkKey == key && f.Figure.Name == name);
        if (entry is null)
        {
            return false;
        }

        text.AppendLine($"![{name}]({entry.PngPath})");
        text.AppendLine();
        text.AppendLine($"*{entry.Figure.Caption}* ([SVG]({entry.SvgPath}))");
        text.AppendLine();
        return true;
    }

    private static string MemoryOccupancy(NetworkSummary summary, TrialPhase phase, bool update)
    {
        var group = summary.Occupancy.ByMemoryClass.FirstOrDefault(g => g.Kind == "memory");
        return group is null ? "–" : Num(update ? group.UpdateGateOpen[phase] : group.ResetGateOpen[phase], "F3");
    }

    private static string OtherOccupancy(NetworkSummary summary, TrialPhase phase)
    {
        var group = summary.Occupancy.ByMemoryClass.FirstOrDefault(g => g.Kind == "other");
        return group is null ? "–" : Num(group.UpdateGateOpen[phase], "F3");
    }

    private static string StageName(string key) => key switch
    {
        "statistics" => "accuracy, reset, memory neurons and occupancy",
        "perturbationMap" => "perturbation map",
        "blockStructureAndPca" => "block structure and PCA",
        _ => key,
    };

    private static void Row(StringBuilder text, string name, string a, string b) => text.AppendLine($"| {name} | {a} | {b} |");

    private static string Phase(TrialPhase phase) => phase.ToString().ToLowerInvariant();

    private static string Outcome(PerturbationOutcome outcome) => outcome switch
    {
        PerturbationOutcome.AllSucceeded => "all succeeded",
        PerturbationOutcome.BestOfAttempts => "best n up to n_max",
        _ => "no neuron above threshold",
    };

    private static string Names(IReadOnlyList<int> neurons, IReadOnlyList<string> labels)
    {
        if (neurons.Count == 0)
        {
            return "none";
        }

        const int MaxListed = 24;
        var names = string.Join(", ", neurons.Take(MaxListed).Select(i => labels[i]));
        return neurons.Count > MaxListed ? $"{names}, … ({neurons.Count - MaxListed} more)" : names;
    }

    private static string Steps(IReadOnlyList<int> steps) => steps.Count == 0 ? "none" : string.Join(", ", steps.Select(Int));

    private static string Stairs(IReadOnlyList<StairSize> stairs) => stairs.Count == 0 ? "none" : string.Join(", ", stairs.Select(s => $"{s.DecodingStep}: {s.Neurons}"));

    private static string Int(int value) => value.ToString(Invariant);

    /// <summary>Formats a number invariantly; exponents are written with a lower-case e, as in 1e-06.</summary>
    private static string Num(double value, string format = "G4") => value.ToString(format, Invariant).Replace("E", "e", StringComparison.Ordinal);

    private static string Optional(double? value) => value is { } v ? Num(v) : "–";

    private static string Optional(int? value) => value is { } v ? Int(v) : "–";

    private static string Optional(int? value, int total) => value is { } v ? $"{Int(v)} of {Int(total)}" : "–";
}
