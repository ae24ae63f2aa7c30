using GateLang.Analysis;
using ScottPlot;

namespace GateLang.Reports;

/// <summary>
/// Superimposed hidden-state trajectories of chosen neurons over many trials, one panel per neuron
/// (the layout of Figures 1 and 8 of "Gating Mechanisms Underlying Sequence-to-Sequence Working
/// Memory"): time on x, h on y, one thin semi-transparent line per trial.
/// </summary>
public static class TrajectoryFigure
{
    public const string Name = "trajectories";

    /// <summary>Largest drop of a simplified line from the recorded values, as a fraction of the panel's value range: below a pixel.</summary>
    private const double SimplifyTolerance = 1e-4;

    /// <summary>The most neurons <see cref="DefaultNeurons"/> picks.</summary>
    public const int MaxDefaultNeurons = 12;

    /// <summary>
    /// Picks the neurons to plot: every neuron when there are at most 12; otherwise up to 6 memory
    /// neurons, evenly spaced along the reset staircase, and the rest evenly spaced among the
    /// other neurons by index.
    /// </summary>
    public static IReadOnlyList<int> DefaultNeurons(NetworkAnalysisResult result)
    {
        var d = result.Subject.Weights.HiddenSize;
        if (d <= MaxDefaultNeurons)
        {
            return Enumerable.Range(0, d).ToArray();
        }

        var memory = result.Memory.MemoryNeurons.ToHashSet();
        var memoryByStaircase = result.Reset.StaircaseOrder.Where(memory.Contains).ToArray();
        var chosenMemory = EvenlySpaced(memoryByStaircase, MaxDefaultNeurons / 2);
        var others = Enumerable.Range(0, d).Where(i => !memory.Contains(i)).ToArray();
        var chosenOthers = EvenlySpaced(others, MaxDefaultNeurons - chosenMemory.Count);
        return chosenMemory.Concat(chosenOthers).ToArray();
    }

    /// <param name="neurons">Neuron indices, one panel each, in the order given.</param>
    public static RenderedFigure Render(Recording recording, IReadOnlyList<int> neurons, FigureContext context)
    {
        if (neurons.Count == 0)
        {
            throw new ArgumentException("At least one neuron is needed for a trajectory figure.", nameof(neurons));
        }

        var trajectories = recording.Trajectories;
        var s = recording.Task.Length;
        var maxSteps = trajectories.Count == 0 ? 2 * s : trajectories.Max(t => t.Steps);
        var columns = neurons.Count > 4 ? 2 : 1;
        var rows = (neurons.Count + columns - 1) / columns;
        var alpha = trajectories.Count <= 10 ? 0.6 : Math.Max(0.08, 6.0 / trajectories.Count);
        var panels = new List<Plot>();

        for (var index = 0; index < neurons.Count; index++)
        {
            var neuron = neurons[index];
            var bottomRow = index / columns == rows - 1;
            var title = index == 0 ? $"{context.NeuronLabel(neuron)} — {context.TrialSetText}, {trajectories.Count} drawn" : context.NeuronLabel(neuron);
            var plot = FigureStyle.CreatePlot(title, bottomRow ? "time step t (0-based)" : "", "h (activation)");
            plot.Axes.Title.Label.FontSize = 11;
            var span = plot.Add.HorizontalSpan(-0.5, s - 0.5, Colors.Gray.WithAlpha(0.15));
            span.LegendText = "";
            var color = FigureStyle.SymbolColor(0).WithAlpha(alpha);
            var series = trajectories.Select(t => t.NeuronSeries(neuron)).ToArray();
            var range = series.Length == 0 ? 0 : series.Max(v => v.Max()) - series.Min(v => v.Min());
            foreach (var values in series)
            {
                var (xs, ys) = Simplify(values, range * SimplifyTolerance);
                var line = plot.Add.ScatterLine(xs, ys, color);
                line.LineWidth = 1;
            }

            plot.Axes.SetLimitsX(-0.5, maxSteps - 0.5);
            panels.Add(plot);
        }

        var caption =
            $"Hidden state of {neurons.Count} neurons over time in {trajectories.Count} trials (one line per trial; {context.TrialSetText}). " +
            $"The grey band is the encoding phase, steps 0..{s - 1}; the delay follows, and decoding starts at t = S + T, which differs between trials.";
        return FigureCanvas.Render(Name, caption, panels, columns, panelWidth: 520, panelHeight: 170);
    }

    /// <summary>
    /// Drops points inside flat stretches of <paramref name="values"/>, so long delays do not fill the
    /// SVG with points: a point is kept when it differs from the last kept point, or from the next
    /// point, by more than <paramref name="tolerance"/>. The line through the kept points stays within
    /// about twice the tolerance of the recorded values. Returns the kept steps and values.
    /// </summary>
    internal static (double[] Xs, double[] Ys) Simplify(double[] values, double tolerance)
    {
        var xs = new List<double> { 0 };
        var ys = new List<double> { values[0] };
        var anchor = values[0];
        for (var t = 1; t < values.Length - 1; t++)
        {
            if (Math.Abs(values[t] - anchor) > tolerance || Math.Abs(values[t + 1] - values[t]) > tolerance)
            {
                xs.Add(t);
                ys.Add(values[t]);
                anchor = values[t];
            }
        }

        if (values.Length > 1)
        {
            xs.Add(values.Length - 1);
            ys.Add(values[^1]);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    internal static IReadOnlyList<int> EvenlySpaced(IReadOnlyList<int> items, int count)
    {
        if (items.Count <= count)
        {
            return items;
        }

        if (count <= 0)
        {
            return [];
        }

        if (count == 1)
        {
            return [items[0]];
        }

        return Enumerable.Range(0, count)
            .Select(k => items[(int)Math.Round(k * (items.Count - 1) / (double)(count - 1))])
            .Distinct()
            .ToArray();
    }
}
