using System.Text;
using GateLang.Analysis;

namespace GateLang.Reports;

/// <summary>
/// Builds the report of one network (<c>gatelang analyze</c>) or two (<c>gatelang compare</c>):
/// renders every figure, then report.md and report.json, all in memory.
/// </summary>
public static class AnalysisReport
{
    /// <summary>Builds the report of one analysed network.</summary>
    public static ReportContent Build(NetworkAnalysisResult result, ReportOptions? options = null, Action<string>? progress = null) =>
        Build([("", result)], options ?? new ReportOptions(), progress);

    /// <summary>Builds the side-by-side report of two networks analysed on the same trial set.</summary>
    public static ReportContent BuildComparison(NetworkAnalysisResult a, NetworkAnalysisResult b, ReportOptions? options = null, Action<string>? progress = null) =>
        Build([("a", a), ("b", b)], options ?? new ReportOptions(), progress);

    private static ReportContent Build(IReadOnlyList<(string Key, NetworkAnalysisResult Result)> networks, ReportOptions options, Action<string>? progress)
    {
        var reports = new List<NetworkReport>();
        var figures = new List<RenderedFigureEntry>();
        foreach (var (key, result) in networks)
        {
            progress?.Invoke($"{result.Subject.Name}: drawing figures");
            var length = result.Subject.Task.Length;
            var pcaStep = options.PcaStepFor(length);
            if (pcaStep >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(options), pcaStep, $"The PCA step must be in 0..{length - 1} for {result.Subject.Name} (S = {length}).");
            }

            var neurons = options.TrajectoryNeurons ?? TrajectoryFigure.DefaultNeurons(result);
            var invalid = neurons.Where(i => i < 0 || i >= result.Subject.Weights.HiddenSize).ToArray();
            if (invalid.Length > 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), $"Neuron {invalid[0]} is outside 0..{result.Subject.Weights.HiddenSize - 1} of {result.Subject.Name}.");
            }

            var training = options.TrainingMetricsPaths.TryGetValue(result.Subject.Name, out var metricsPath)
                ? TrainingMetricsReader.Read(metricsPath)
                : null;
            if (training is { Epochs.Count: 0 })
            {
                training = null;
            }

            var report = new NetworkReport(key, result, pcaStep, neurons, training);
            reports.Add(report);
            figures.AddRange(RenderFigures(report).Select(f => Entry(key, f)));
        }

        var files = new List<ReportFile>();
        foreach (var figure in figures)
        {
            files.Add(new ReportFile(figure.PngPath, figure.Figure.Png));
            files.Add(new ReportFile(figure.SvgPath, Encoding.UTF8.GetBytes(figure.Figure.Svg)));
        }

        files.Add(new ReportFile(ReportContent.MarkdownFileName, Encoding.UTF8.GetBytes(ReportMarkdown.Build(reports, figures))));
        files.Add(new ReportFile(ReportContent.JsonFileName, Encoding.UTF8.GetBytes(ReportJson.Build(reports, figures))));
        return new ReportContent(files);
    }

    private static IEnumerable<RenderedFigure> RenderFigures(NetworkReport report)
    {
        var result = report.Result;
        var context = FigureContext.From(result);
        yield return TrajectoryFigure.Render(result.Recording, report.TrajectoryNeurons, context);
        yield return ResetFigure.Render(result.Reset, context);
        if (result.Map is { } map && result.Blocks is { } blocks)
        {
            yield return PerturbationFigures.RenderSuccess(map, context);
            yield return PerturbationFigures.RenderBlocks(blocks, map.Symbols, context);
            var pca = result.Pca[report.PcaStep];
            if (pca.Pca is not null)
            {
                yield return PcaFigure.Render(pca, context);
            }
        }

        if (report.Training is { } training)
        {
            yield return TrainingCurveFigure.Render(training, result.Subject.Name);
        }
    }

    private static RenderedFigureEntry Entry(string key, RenderedFigure figure)
    {
        var stem = key.Length == 0 ? figure.Name : $"{key}-{figure.Name}";
        return new RenderedFigureEntry(key, figure, $"{ReportContent.FigureFolder}/{stem}.png", $"{ReportContent.FigureFolder}/{stem}.svg");
    }
}
