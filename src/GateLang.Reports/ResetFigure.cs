using GateLang.Analysis;
using ScottPlot;

namespace GateLang.Reports;

/// <summary>
/// The κ heatmap in staircase order (the layout of Figure 5, left, of "Gating Mechanisms
/// Underlying Sequence-to-Sequence Working Memory"): one row per neuron, sorted by first reset
/// step, one column per decoding step, color κ from 0 (keeps its value) to 1 (replaced).
/// </summary>
public static class ResetFigure
{
    public const string Name = "reset-staircase";

    public static RenderedFigure Render(ResetResult reset, FigureContext context)
    {
        var order = reset.StaircaseOrder;
        var steps = reset.Kappa.Count;
        var rows = order.Count;
        var values = new double[rows, steps];
        for (var row = 0; row < rows; row++)
        {
            for (var k = 0; k < steps; k++)
            {
                values[row, k] = reset.Kappa[k][order[row]];
            }
        }

        var plot = FigureStyle.CreatePlot(
            $"Reset metric κ, ζ = {FigureStyle.Format(reset.Threshold)} — {context.TrialSetText}",
            "decoding step k (0-based)",
            "neuron (staircase order)");
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "κ = mean (1 − z)(1 − r)";
        colorBar.LabelStyle.FontSize = 12;

        // Heatmap row r is drawn at y = rows − 1 − r, so the first neuron of the staircase is on top.
        var resetXs = new List<double>();
        var resetYs = new List<double>();
        for (var row = 0; row < rows; row++)
        {
            if (reset.FirstResetStep[order[row]] is { } k)
            {
                resetXs.Add(k);
                resetYs.Add(rows - 1 - row);
            }
        }

        if (resetXs.Count > 0)
        {
            plot.Add.Markers(resetXs.ToArray(), resetYs.ToArray(), MarkerShape.OpenCircle, 6, Colors.White);
        }

        var labelStep = FigureStyle.LabelStep(rows, 60);
        var positions = Enumerable.Range(0, rows).Where(r => r % labelStep == 0).ToArray();
        FigureStyle.SetTicks(plot.Axes.Left, positions.Select(r => (double)(rows - 1 - r)).ToArray(), positions.Select(r => context.HiddenLabels[order[r]]).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = rows > 30 ? 8 : 10;
        FigureStyle.SetIntegerTicks(plot.Axes.Bottom, steps);

        var height = Math.Clamp(120 + (rows * 14), 360, 1400);
        var caption =
            $"κ of every neuron at every decoding step, averaged over {context.TrialSet.Trials} trials. Rows are sorted by the first decoding step with κ > ζ " +
            $"(white circles); neurons that never exceed ζ are at the bottom. {reset.Stairs.Count} distinct first-reset steps; neurons never reset: {reset.NeverReset.Count}.";
        return FigureCanvas.Render(Name, caption, [plot], 1, 640, height);
    }
}
