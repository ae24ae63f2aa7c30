using GateLang.Analysis;
using ScottPlot;

namespace GateLang.Reports;

/// <summary>Training curves from a run's metrics.jsonl: loss, per-step accuracy and exact-sequence accuracy per epoch.</summary>
public static class TrainingCurveFigure
{
    public const string Name = "training-curves";

    public static RenderedFigure Render(TrainingMetricsFile metrics, string networkName)
    {
        var epochs = metrics.Epochs;
        if (epochs.Count == 0)
        {
            throw new ArgumentException($"{metrics.Path} has no epoch to plot.", nameof(metrics));
        }

        var loss = FigureStyle.CreatePlot($"Training of {networkName} — loss", "", "cross-entropy (nats per step)");
        AddSeries(loss, epochs, e => e.TrainLoss, "training", 0);
        AddSeries(loss, epochs, e => e.ValidationLoss, "validation", 1);
        loss.ShowLegend(Alignment.UpperRight);

        var accuracy = FigureStyle.CreatePlot("Per-step accuracy (validation)", "", "fraction of steps");
        AddSeries(accuracy, epochs, e => e.PerStepAccuracy, "", 1);

        var exact = FigureStyle.CreatePlot("Exact-sequence accuracy (validation)", "epoch", "fraction of trials");
        AddSeries(exact, epochs, e => e.ExactSequenceAccuracy, "", 1);

        foreach (var plot in new[] { accuracy, exact })
        {
            plot.Axes.SetLimitsY(-0.02, 1.02);
        }

        var lastEpoch = epochs[^1].Epoch;
        foreach (var plot in new[] { loss, accuracy, exact })
        {
            plot.Axes.SetLimitsX(epochs[0].Epoch - 0.5, lastEpoch + 0.5);
        }

        var caption =
            $"Per epoch of the run that wrote {Path.GetFileName(metrics.Path)} ({epochs.Count} epochs, epoch 0 = initial weights): " +
            "mean cross-entropy per step on training and validation trials, and validation accuracy per step and per whole sequence." +
            (metrics.SkippedLines > 0 ? $" {metrics.SkippedLines} unreadable lines were skipped." : "");
        return FigureCanvas.Render(Name, caption, [loss, accuracy, exact], 1, 720, 240);
    }

    private static void AddSeries(Plot plot, IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, double?> select, string legend, int colorIndex)
    {
        var points = epochs.Where(e => select(e) is { } v && double.IsFinite(v)).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(points.Select(e => (double)e.Epoch).ToArray(), points.Select(e => select(e)!.Value).ToArray(), FigureStyle.SymbolColor(colorIndex));
        line.MarkerSize = points.Length > 50 ? 0 : 4;
        line.LineWidth = 1.5f;
        line.LegendText = legend;
    }
}
