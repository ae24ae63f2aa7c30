using GateLang.Analysis;
using ScottPlot;

namespace GateLang.Reports;

/// <summary>
/// Figures of the perturbation map: success rate and neurons written per (step, symbol), the
/// layout of Figure 3 of "Gating Mechanisms Underlying Sequence-to-Sequence Working Memory", and
/// the memory-neuron block structure of its Figure 4, left.
/// </summary>
public static class PerturbationFigures
{
    public const string SuccessName = "perturbation-map";
    public const string BlockName = "memory-blocks";

    /// <summary>Values spanning more than this ratio of largest to smallest magnitude are drawn row-normalized.</summary>
    public const double MaxRawDynamicRange = 100;

    public static RenderedFigure RenderSuccess(PerturbationMapResult map, FigureContext context)
    {
        var options = map.Options;
        var success = FigureStyle.CreatePlot(
            $"Perturbation success — {context.TrialSetText}",
            "",
            $"success rate (of M = {options.TestTrials})");
        var needed = FigureStyle.CreatePlot(
            $"Neurons written, n = {options.StartNeurons}..{options.MaxNeurons}",
            "encoding step q (0-based)",
            "neurons written n");

        var width = 0.8 / map.Symbols;
        for (var p = 0; p < map.Symbols; p++)
        {
            var entries = map.Entries.Where(e => e.Symbol == p).OrderBy(e => e.Step).ToArray();
            var xs = entries.Select(e => e.Step - 0.4 + (width * (p + 0.5))).ToArray();
            var color = FigureStyle.SymbolColor(p);
            var rate = success.Add.Markers(xs, entries.Select(e => e.SuccessRate).ToArray(), MarkerShape.FilledCircle, 8, color);
            rate.LegendText = $"p = {context.SymbolLabels[p]}";
            needed.Add.Markers(xs, entries.Select(e => (double)e.NeuronsUsed).ToArray(), MarkerShape.FilledSquare, 8, color);

            var missing = entries.Where(e => e.Outcome == PerturbationOutcome.NoNeuronRecorded).ToArray();
            if (missing.Length > 0)
            {
                var crosses = needed.Add.Markers(
                    missing.Select(e => e.Step - 0.4 + (width * (p + 0.5))).ToArray(),
                    missing.Select(_ => 0.0).ToArray(),
                    MarkerShape.Eks,
                    10,
                    Colors.Black);
                crosses.LegendText = p == 0 ? "no neuron above threshold" : "";
            }
        }

        foreach (var plot in new[] { success, needed })
        {
            FigureStyle.SetIntegerTicks(plot.Axes.Bottom, map.Length);
            plot.Axes.SetLimitsX(-0.6, map.Length - 0.4);
        }

        success.Axes.SetLimitsY(-0.05, 1.05);
        var maxNeeded = Math.Max(1, map.Entries.Max(e => e.NeuronsUsed));
        needed.Axes.SetLimitsY(-0.4, maxNeeded + 0.4);
        FigureStyle.SetIntegerTicks(needed.Axes.Left, maxNeeded + 1, FigureStyle.LabelStep(maxNeeded + 1, 8));
        success.ShowLegend(Alignment.LowerLeft);
        if (map.Entries.Any(e => e.Outcome == PerturbationOutcome.NoNeuronRecorded))
        {
            needed.ShowLegend(Alignment.UpperLeft);
        }

        var caption =
            $"Top: fraction of M = {options.TestTrials} test trials (symbol at q ≠ p) in which writing the expected values of the n most often recorded neurons into h_S " +
            $"made decoding step q output p with every other output unchanged. Bottom: n. Found from N = {options.Iterations} sequence pairs per (q, p), " +
            $"difference threshold {FigureStyle.Format(options.DifferenceThreshold)}; a cross marks pairs with no neuron above it.";
        return FigureCanvas.Render(SuccessName, caption, [success, needed], 1, 720, 300);
    }

    /// <summary>
    /// The block structure: rows are the neurons the map writes (by center of mass), columns the
    /// (q, p) pairs, color the expected value, white where a neuron is not used.
    /// </summary>
    public static RenderedFigure RenderBlocks(BlockStructureResult blocks, int symbols, FigureContext context)
    {
        var rows = blocks.Neurons.Count;
        var columns = blocks.Columns.Count;
        var magnitudes = blocks.ExpectedValues.SelectMany(r => r).Where(v => v is not null).Select(v => Math.Abs(v!.Value)).Where(v => v > 0).ToArray();
        var rowNormalized = magnitudes.Length > 0 && magnitudes.Max() / magnitudes.Min() > MaxRawDynamicRange;

        var values = new double[Math.Max(rows, 1), columns];
        double limit = 0;
        for (var row = 0; row < rows; row++)
        {
            var rowMax = blocks.ExpectedValues[row].Where(v => v is not null).Select(v => Math.Abs(v!.Value)).DefaultIfEmpty(0).Max();
            for (var column = 0; column < columns; column++)
            {
                var value = blocks.ExpectedValues[row][column];
                if (value is null)
                {
                    values[row, column] = double.NaN;
                    continue;
                }

                var shown = value.Value;
                if (rowNormalized)
                {
                    shown = rowMax > 0 ? shown / rowMax : 0;
                }

                values[row, column] = shown;
                limit = Math.Max(limit, Math.Abs(shown));
            }
        }

        if (rows == 0)
        {
            for (var column = 0; column < columns; column++)
            {
                values[0, column] = double.NaN;
            }
        }

        var plot = FigureStyle.CreatePlot(
            $"Memory neurons by (step, symbol) — {context.TrialSetText}",
            "(encoding step q, symbol p), q-major",
            "neuron (by center of mass)");
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.NaNCellColor = Colors.White;
        limit = limit > 0 ? limit : 1;
        heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = rowNormalized ? "expected value / row's largest |value|" : "expected value of h_S";
        colorBar.LabelStyle.FontSize = 12;

        var labelStep = FigureStyle.LabelStep(rows, 60);
        var positions = Enumerable.Range(0, rows).Where(r => r % labelStep == 0).ToArray();
        FigureStyle.SetTicks(plot.Axes.Left, positions.Select(r => (double)(Math.Max(rows, 1) - 1 - r)).ToArray(), positions.Select(r => context.HiddenLabels[blocks.Neurons[r]]).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = rows > 30 ? 8 : 10;

        var stepEvery = FigureStyle.LabelStep(columns / symbols, 20);
        var tickColumns = Enumerable.Range(0, columns).Where(c => blocks.Columns[c].Symbol == 0 && blocks.Columns[c].Step % stepEvery == 0).ToArray();
        FigureStyle.SetTicks(plot.Axes.Bottom, tickColumns.Select(c => c + ((symbols - 1) / 2.0)).ToArray(), tickColumns.Select(c => $"q{blocks.Columns[c].Step}").ToArray());
        for (var step = 1; step < columns / symbols; step++)
        {
            plot.Add.VerticalLine((step * symbols) - 0.5, 1, Colors.Gray.WithAlpha(0.5), LinePattern.Dotted);
        }

        var height = Math.Clamp(140 + (rows * 16), 320, 1400);
        var caption =
            $"Expected value of each neuron the perturbation map writes, per (q, p) pair (columns q0 p0, q0 p1, …; symbols {string.Join(", ", context.SymbolLabels)}). " +
            $"White: the neuron is not used for that pair. Neurons shown: {rows}." +
            (rowNormalized ? " Each row is divided by its largest magnitude because the values span more than a factor of 100; report.json has the raw values." : "");
        return FigureCanvas.Render(BlockName, caption, [plot], 1, 760, height);
    }
}
