using GateLang.Analysis;
using ScottPlot;

namespace GateLang.Reports;

/// <summary>
/// The delay-start states of the neurons tuned to one encoding step, projected on their first two
/// principal components and colored by the symbol shown at that step (the layout of Figure 4,
/// right, of "Gating Mechanisms Underlying Sequence-to-Sequence Working Memory").
/// </summary>
public static class PcaFigure
{
    public const string Name = "pca";

    /// <summary>With a single component, points are spread on y by symbol so that the groups stay visible.</summary>
    public static RenderedFigure Render(TunedPcaResult result, FigureContext context)
    {
        var pca = result.Pca ?? throw new ArgumentException($"No neuron is tuned to step {result.Step}, so there is no PCA to plot.", nameof(result));
        var twoComponents = pca.Components.Count >= 2;
        var plot = FigureStyle.CreatePlot(
            $"PCA of neurons tuned to step q = {result.Step} at t = S — {context.TrialSetText}",
            $"PC1 ({FigureStyle.Format(100 * pca.ExplainedVarianceRatio[0], "F1")} % of variance)",
            twoComponents ? $"PC2 ({FigureStyle.Format(100 * pca.ExplainedVarianceRatio[1], "F1")} % of variance)" : "symbol at step q");

        var symbols = result.SymbolAtStep.Distinct().Order().ToArray();
        foreach (var symbol in symbols)
        {
            var trials = Enumerable.Range(0, result.SymbolAtStep.Count).Where(i => result.SymbolAtStep[i] == symbol).ToArray();
            var xs = trials.Select(i => pca.Scores[i][0]).ToArray();
            var ys = trials.Select(i => twoComponents ? pca.Scores[i][1] : symbol + Jitter(i)).ToArray();
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 5, FigureStyle.SymbolColor(symbol).WithAlpha(0.7));
            markers.LegendText = $"{context.SymbolLabels[symbol]} at q = {result.Step}";
        }

        if (!twoComponents)
        {
            FigureStyle.SetTicks(plot.Axes.Left, symbols.Select(s => (double)s).ToArray(), symbols.Select(s => context.SymbolLabels[s]).ToArray());
        }

        plot.ShowLegend(Alignment.UpperRight);
        var neurons = string.Join(", ", result.Neurons.Select(i => context.HiddenLabels[i]));
        var caption =
            $"h at t = S (the delay start) of the neurons tuned to encoding step {result.Step} ({neurons}), one point per trial, " +
            $"projected on {(twoComponents ? "the first two principal components" : "the only principal component")}. " +
            "Each component's sign makes its largest loading positive (ties to the lowest neuron index), so the picture does not flip between runs.";
        return FigureCanvas.Render(Name, caption, [plot], 1, 640, 480);
    }

    /// <summary>A deterministic offset in [−0.25, 0.25] from the trial index, to spread points of one symbol.</summary>
    private static double Jitter(int index) => (((index * 0.6180339887498949) % 1.0) - 0.5) * 0.5;
}
