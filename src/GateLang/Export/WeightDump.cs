using System.Globalization;
using System.Text;
using GateLang.Compilation;
using GateLang.Model;

namespace GateLang.Export;

/// <summary>
/// Formats every weight, bias, the readout and h0 as labelled text tables, the form that
/// snapshot tests compare and that a reader checks against a construction by eye.
/// </summary>
/// <remarks>
/// Each stacked matrix is split into its r, z and n row blocks. Rows are labelled with the gate
/// and the hidden neuron (<c>z mem[2]</c>), columns with the input or hidden labels. A value is
/// printed with 6 significant digits in .NET's "G6" format under the invariant culture, with a
/// lower-case exponent, so 3^-10 prints as <c>1.69351e-05</c> and 10 as <c>10</c>; an exact zero
/// (+0 or −0) prints as <c>.</c>. Lines end in LF, carry no trailing spaces, and the same
/// weights always give the same text.
/// </remarks>
public static class WeightDump
{
    /// <summary>The mark printed in place of an exact zero.</summary>
    public const string ZeroMark = ".";

    private const string ColumnGap = "  ";

    /// <summary>Formats <paramref name="network"/>'s weights, with a title naming the network and its task.</summary>
    public static string Format(CompiledNetwork network)
    {
        var task = network.Task;
        var title = string.Create(
            CultureInfo.InvariantCulture,
            $"network '{network.Definition.Name}', task '{task.Name}' ({task.Kind.ToString().ToLowerInvariant()}, K = {task.Symbols}, S = {task.Length}, T in {task.DelayMin}..{task.DelayMax})");
        return Format(network.Weights, title);
    }

    /// <summary>Formats <paramref name="weights"/>; <paramref name="title"/>, when given, goes on the first line.</summary>
    public static string Format(GruWeights weights, string? title = null)
    {
        var d = weights.HiddenSize;
        var text = new StringBuilder();
        AppendHeader(text, weights, title);

        foreach (var gate in Enum.GetValues<Gate>())
        {
            var offset = weights.GateOffset(gate);
            AppendSection(
                text,
                $"{NetworkExportFormat.WeightIh} rows {offset}..{offset + d - 1}: W_i{GateLetter(gate)}, input weights of {GateName(gate)}");
            AppendTable(text, GateRowLabels(weights, gate), weights.InputLabels, (row, column) => weights.WeightIh[offset + row, column]);
        }

        foreach (var gate in Enum.GetValues<Gate>())
        {
            var offset = weights.GateOffset(gate);
            AppendSection(
                text,
                $"{NetworkExportFormat.WeightHh} rows {offset}..{offset + d - 1}: W_h{GateLetter(gate)}, recurrent weights of {GateName(gate)}");
            AppendTable(text, GateRowLabels(weights, gate), weights.HiddenLabels, (row, column) => weights.WeightHh[offset + row, column]);
        }

        string[] gateColumns = ["r", "z", "n"];
        AppendSection(text, $"{NetworkExportFormat.BiasIh}: b_ih, added to W_ih x; its n part is added outside the reset gate");
        AppendTable(text, weights.HiddenLabels, gateColumns, (row, column) => weights.BiasIh[column * d + row]);

        AppendSection(text, $"{NetworkExportFormat.BiasHh}: b_hh, added to W_hh h; its n part is multiplied by the reset gate r");
        AppendTable(text, weights.HiddenLabels, gateColumns, (row, column) => weights.BiasHh[column * d + row]);

        AppendSection(text, $"{NetworkExportFormat.ReadoutWeight}: V, logits y = V h + c");
        AppendTable(text, weights.OutputLabels, weights.HiddenLabels, (row, column) => weights.ReadoutWeight[row, column]);

        AppendSection(text, $"{NetworkExportFormat.ReadoutBias}: c");
        AppendTable(text, weights.OutputLabels, ["c"], (row, _) => weights.ReadoutBias[row]);

        AppendSection(text, $"{NetworkExportFormat.InitialState}: hidden state before the first step");
        AppendTable(text, weights.HiddenLabels, ["h0"], (row, _) => weights.InitialState[row]);

        return text.ToString();
    }

    /// <summary>Formats one value as the dump prints it: "G6", invariant culture, lower-case exponent, "." for zero.</summary>
    public static string FormatValue(double value) =>
        value == 0 ? ZeroMark : value.ToString("G6", CultureInfo.InvariantCulture).Replace('E', 'e');

    private static void AppendHeader(StringBuilder text, GruWeights weights, string? title)
    {
        text.Append("# GateLang weight dump");
        if (title is not null)
        {
            text.Append(" of ").Append(title);
        }

        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"# hidden size d = {weights.HiddenSize}, input size = {weights.InputSize}, output classes = {weights.OutputSize}\n");
        text.Append("# values: 6 significant digits (printf %.6g), \".\" marks an exact zero\n");
        text.Append("# torch.nn.GRU step: r = sigmoid(W_ir x + b_ir + W_hr h + b_hr), z = sigmoid(W_iz x + b_iz + W_hz h + b_hz),\n");
        text.Append("#   n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h, logits y = V h' + c\n");
    }

    private static void AppendSection(StringBuilder text, string heading) =>
        text.Append('\n').Append("== ").Append(heading).Append(" ==\n");

    /// <summary>
    /// Appends a table: row labels left-aligned, values right-aligned under their column labels,
    /// each column as wide as its widest cell.
    /// </summary>
    private static void AppendTable(StringBuilder text, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, Func<int, int, double> value)
    {
        var cells = new string[rowLabels.Count, columnLabels.Count];
        var widths = new int[columnLabels.Count];
        for (var column = 0; column < columnLabels.Count; column++)
        {
            widths[column] = columnLabels[column].Length;
            for (var row = 0; row < rowLabels.Count; row++)
            {
                cells[row, column] = FormatValue(value(row, column));
                widths[column] = Math.Max(widths[column], cells[row, column].Length);
            }
        }

        var labelWidth = rowLabels.Count == 0 ? 0 : rowLabels.Max(label => label.Length);
        text.Append(' ', labelWidth);
        for (var column = 0; column < columnLabels.Count; column++)
        {
            text.Append(ColumnGap).Append(columnLabels[column].PadLeft(widths[column]));
        }

        text.Append('\n');
        for (var row = 0; row < rowLabels.Count; row++)
        {
            text.Append(rowLabels[row].PadRight(labelWidth));
            for (var column = 0; column < columnLabels.Count; column++)
            {
                text.Append(ColumnGap).Append(cells[row, column].PadLeft(widths[column]));
            }

            text.Append('\n');
        }
    }

    private static string[] GateRowLabels(GruWeights weights, Gate gate) =>
        weights.HiddenLabels.Select(label => $"{GateLetter(gate)} {label}").ToArray();

    private static char GateLetter(Gate gate) => gate switch
    {
        Gate.Reset => 'r',
        Gate.Update => 'z',
        _ => 'n',
    };

    private static string GateName(Gate gate) => gate switch
    {
        Gate.Reset => "the reset gate r",
        Gate.Update => "the update gate z",
        _ => "the candidate n",
    };
}
