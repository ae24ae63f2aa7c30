using System.Text.Json;
using System.Text.Json.Serialization;
using GateLang.Analysis;
using GateLang.Export;

namespace GateLang.Reports;

/// <summary>
/// The report.json document: every number behind the report's tables and figures, with the
/// settings and trial set that produced them.
/// </summary>
/// <remarks>
/// Keys are camelCase as in <c>gatelang eval --json</c>. Neurons are given by 0-based index, with
/// their labels alongside; steps are 0-based. A value that is not finite would be written as the
/// string "NaN" or "Infinity"; the analyses avoid producing one.
/// </remarks>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Build(IReadOnlyList<NetworkReport> networks, IReadOnlyList<RenderedFigureEntry> figures)
    {
        var document = new
        {
            kind = networks.Count == 1 ? "analyze" : "compare",
            gatelangVersion = NetworkExportFormat.GateLangVersion,
            networks = networks.Select(Network).ToArray(),
            comparison = networks.Count == 2
                ? new { a = NetworkSummary.From(networks[0].Result), b = NetworkSummary.From(networks[1].Result) }
                : null,
            figures = figures.Select(f => new { network = f.NetworkKey, name = f.Figure.Name, png = f.PngPath, svg = f.SvgPath, caption = f.Figure.Caption, width = f.Figure.Width, height = f.Figure.Height }).ToArray(),
        };
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    private static object Network(NetworkReport report)
    {
        var result = report.Result;
        var subject = result.Subject;
        var labels = subject.Weights.HiddenLabels;
        var options = result.Options;
        return new
        {
            key = report.Key,
            name = subject.Name,
            source = subject.Source,
            hiddenSize = subject.Weights.HiddenSize,
            task = new { name = subject.Task.Name, kind = subject.Task.Kind, symbols = subject.Task.Symbols, length = subject.Task.Length, delayMin = subject.Task.DelayMin, delayMax = subject.Task.DelayMax },
            hiddenLabels = labels,
            blocks = subject.Blocks,
            trialSet = result.TrialSet,
            settings = new
            {
                precision = result.Recording.Precision,
                keptTrajectories = options.Recording.KeptTrajectories,
                gateOpenThreshold = options.Recording.GateOpenThreshold,
                resetThreshold = options.Reset.Threshold,
                memoryMinStd = options.Memory.MinStd,
                memoryMinUpdateGate = options.Memory.MinUpdateGate,
                perturbation = result.Map?.Options,
                pcaStep = report.PcaStep,
                trajectoryNeurons = report.TrajectoryNeurons,
            },
            recording = result.Recording.DescribeContents(),
            timingsSeconds = result.Timings,
            accuracy = result.Accuracy,
            reset = new
            {
                threshold = result.Reset.Threshold,
                kappa = result.Reset.Kappa,
                firstResetStep = result.Reset.FirstResetStep,
                staircaseOrder = result.Reset.StaircaseOrder,
                stairs = result.Reset.Stairs.Select(s => new { decodingStep = s.DecodingStep, neurons = s.Neurons, labels = s.Neurons.Select(i => labels[i]) }),
                neverReset = result.Reset.NeverReset,
            },
            memory = new
            {
                neurons = result.Memory.MemoryNeurons,
                labels = result.Memory.MemoryNeurons.Select(i => labels[i]),
                perNeuron = result.Memory.Neurons,
            },
            perturbationMap = result.Map?.Entries,
            blockStructure = result.Blocks is { } blocks
                ? new
                {
                    neurons = blocks.Neurons,
                    labels = blocks.Neurons.Select(i => labels[i]),
                    columns = blocks.Columns,
                    expectedValues = blocks.ExpectedValues,
                    centerOfMass = blocks.CenterOfMass,
                    primaryStep = blocks.PrimaryStep,
                }
                : null,
            pca = result.Pca.Select(p => new
            {
                step = p.Step,
                neurons = p.Neurons,
                labels = p.Neurons.Select(i => labels[i]),
                mean = p.Pca?.Mean,
                components = p.Pca?.Components,
                variances = p.Pca?.Variances,
                explainedVarianceRatio = p.Pca?.ExplainedVarianceRatio,
                scores = p.Step == report.PcaStep && p.Pca is { } pca ? pca.Scores.Select(s => s.Take(2)).ToArray() : null,
                symbolAtStep = p.Step == report.PcaStep ? p.SymbolAtStep : null,
            }),
            occupancy = result.Occupancy,
            training = report.Training is { } training
                ? new { path = training.Path, skippedLines = training.SkippedLines, epochs = training.Epochs }
                : null,
        };
    }
}

/// <summary>One network of a report, with the settings its figures used.</summary>
/// <param name="Key">A short key for file names and JSON: <c>a</c> or <c>b</c> in a comparison, empty in a single analysis.</param>
internal sealed record NetworkReport(string Key, NetworkAnalysisResult Result, int PcaStep, IReadOnlyList<int> TrajectoryNeurons, TrainingMetricsFile? Training);

/// <summary>A rendered figure and where it is written.</summary>
internal sealed record RenderedFigureEntry(string NetworkKey, RenderedFigure Figure, string PngPath, string SvgPath);
