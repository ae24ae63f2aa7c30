using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace GateLang.Reports;

/// <summary>The shared look of GateLang's figures: font, sizes and the per-symbol palette.</summary>
internal static class FigureStyle
{
    /// <summary>Sans-serif families tried in order; the first one installed is used.</summary>
    private static readonly string[] SansFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    /// <summary>Tableau 10, a palette whose colors stay apart in print and for common color-vision deficiencies.</summary>
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    private static readonly Lazy<string?> Family = new(() =>
    {
        var installed = SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return SansFamilies.FirstOrDefault(installed.Contains);
    });

    public static Color SymbolColor(int index) => Palette[index % Palette.Length];

    /// <summary>Creates a plot with the shared font and sizes, a title and axis labels.</summary>
    public static Plot CreatePlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (Family.Value is { } family)
        {
            plot.Font.Set(family);
        }

        plot.Title(title, 13);
        plot.XLabel(xLabel, 12);
        plot.YLabel(yLabel, 12);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        return plot;
    }

    /// <summary>Sets manual ticks on an axis: one tick per position with its label.</summary>
    public static void SetTicks(IAxis axis, IReadOnlyList<double> positions, IReadOnlyList<string> labels) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());

    /// <summary>Integer ticks 0 … count − 1, every <paramref name="every"/>-th labelled.</summary>
    public static void SetIntegerTicks(IAxis axis, int count, int every = 1)
    {
        var positions = Enumerable.Range(0, count).Where(i => i % every == 0).Select(i => (double)i).ToArray();
        SetTicks(axis, positions, positions.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>A step of labels so that at most about <paramref name="maxLabels"/> are drawn.</summary>
    public static int LabelStep(int count, int maxLabels) => Math.Max(1, (count + maxLabels - 1) / maxLabels);

    /// <summary>Formats a number invariantly; exponents are written with a lower-case e, as in 1e-06.</summary>
    public static string Format(double value, string format = "G3") => value.ToString(format, CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
