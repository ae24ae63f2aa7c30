using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Syntax;
using GateLang.Tasks;

namespace GateLang.Semantics;

/// <summary>
/// Binds the <c>override</c> statements of a network: resolves the target parameter, the block,
/// input and output-class names of each selector, and the indices, to rows and columns of the
/// compiled weights.
/// </summary>
/// <remarks>
/// Targets: <c>r</c>, <c>z</c> or <c>n</c> with <c>.ih</c> (columns are inputs), <c>.hh</c>
/// (columns are neurons), <c>.bias_ih</c> or <c>.bias_hh</c>, whose rows are neurons; and
/// <c>readout</c> (rows are output classes, columns neurons) or <c>readout.bias</c>. A neuron
/// selector is a block name (every neuron), <c>name[i]</c> or <c>name[i..j]</c> (inclusive).
/// An input selector is a symbol name, <c>symbols</c>, <c>blank</c> or <c>delim</c>; a class
/// selector is a symbol name, <c>symbols</c> or <c>blank</c>.
/// </remarks>
internal sealed class OverrideBinder(DiagnosticBag diagnostics, BoundNetwork network)
{
    private static readonly string[] GateNames = ["r", "z", "n"];
    private static readonly string[] GateParts = ["ih", "hh", "bias_ih", "bias_hh"];

    private enum Axis
    {
        Neurons,
        Inputs,
        Classes,
    }

    /// <summary>Evaluates the value and every index of the overrides, so that lets they use count as used.</summary>
    public static IReadOnlyDictionary<ExpressionSyntax, double?> EvaluateExpressions(IEnumerable<OverrideSyntax> overrides, ExpressionEvaluator evaluator)
    {
        var values = new Dictionary<ExpressionSyntax, double?>(ReferenceEqualityComparer.Instance);
        foreach (var change in overrides)
        {
            values[change.Value] = evaluator.Evaluate(change.Value);
            foreach (var selector in change.Target.Selectors)
            {
                foreach (var index in new[] { selector.First, selector.Last })
                {
                    if (index is not null)
                    {
                        values[index] = evaluator.Evaluate(index);
                    }
                }
            }
        }

        return values;
    }

    /// <summary>Returns the bound overrides in source order; an override with an error is left out after it is reported.</summary>
    public IReadOnlyList<WeightOverride> Bind()
    {
        var bound = new List<WeightOverride>();
        foreach (var change in network.OverrideSyntaxes)
        {
            if (BindOne(change) is { } result)
            {
                bound.Add(result);
            }
        }

        return bound;
    }

    private WeightOverride? BindOne(OverrideSyntax change)
    {
        var target = change.Target;
        if (ReadParameter(target) is not var (parameter, gate))
        {
            return null;
        }

        var (rowAxis, columnAxis) = parameter switch
        {
            OverrideParameter.InputWeight => (Axis.Neurons, (Axis?)Axis.Inputs),
            OverrideParameter.HiddenWeight => (Axis.Neurons, Axis.Neurons),
            OverrideParameter.ReadoutWeight => (Axis.Classes, Axis.Neurons),
            OverrideParameter.ReadoutBias => (Axis.Classes, null),
            _ => (Axis.Neurons, (Axis?)null),
        };

        var expected = columnAxis is null ? 1 : 2;
        if (target.Selectors.Count != expected)
        {
            var form = columnAxis is null ? $"{TargetName(target)}[{Describe(rowAxis)}]" : $"{TargetName(target)}[{Describe(rowAxis)}, {Describe(columnAxis.Value)}]";
            diagnostics.Report(
                DiagnosticCatalog.OverrideSelectorCount, target.Location, TargetName(target),
                MessageText.Count(expected, "selector", "selectors"), target.Selectors.Count, form);
            return null;
        }

        var rows = Select(target.Selectors[0], rowAxis, change);
        var columns = columnAxis is { } axis ? Select(target.Selectors[1], axis, change) : [];
        if (rows is null || columns is null || network.OverrideValues.GetValueOrDefault(change.Value) is not { } value)
        {
            return null;
        }

        return new WeightOverride(
            parameter, gate, rows, columns, change.Operator == OverrideOperator.Scale, value,
            $"override {target.Text} {(change.Operator == OverrideOperator.Scale ? "*=" : "=")} {change.Value.Text}", change.Location);
    }

    private (OverrideParameter Parameter, Gate? Gate)? ReadParameter(OverrideTargetSyntax target)
    {
        var matrix = target.Matrix.Text;
        var part = target.Part?.Text;
        if (matrix == "readout" && part is null)
        {
            return (OverrideParameter.ReadoutWeight, null);
        }

        if (matrix == "readout" && part == "bias")
        {
            return (OverrideParameter.ReadoutBias, null);
        }

        var gateIndex = Array.IndexOf(GateNames, matrix);
        var partIndex = part is null ? -1 : Array.IndexOf(GateParts, part);
        if (gateIndex >= 0 && partIndex >= 0)
        {
            var parameter = partIndex switch
            {
                0 => OverrideParameter.InputWeight,
                1 => OverrideParameter.HiddenWeight,
                2 => OverrideParameter.InputBias,
                _ => OverrideParameter.HiddenBias,
            };
            return (parameter, (Gate)gateIndex);
        }

        var valid = GateNames.SelectMany(g => GateParts.Select(p => $"{g}.{p}")).Concat(["readout", "readout.bias"]).ToList();
        var fix = NameSuggester.FindClosest(TargetName(target), valid) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : "write r, z or n followed by .ih, .hh, .bias_ih or .bias_hh, or readout or readout.bias";
        diagnostics.Report(DiagnosticCatalog.UnknownOverrideTarget, target.Location, TargetName(target), fix);
        return null;
    }

    private List<int>? Select(SelectorSyntax selector, Axis axis, OverrideSyntax change)
    {
        var name = selector.Name.Text;
        if (axis == Axis.Neurons)
        {
            return SelectNeurons(selector, change);
        }

        var symbols = (int)network.SymbolCount!.Value;
        var columns = axis == Axis.Inputs
            ? BlockWiringBinder.InputColumns(name, symbols)
            : ClassColumns(name, symbols);
        if (columns is null)
        {
            var names = axis == Axis.Inputs
                ? BlockWiringBinder.AllInputNames(symbols).ToList()
                : Enumerable.Range(0, symbols).Select(InputNames.Symbol).Concat([InputNames.Symbols, InputNames.Blank]).ToList();
            ReportUnknownName(selector, change, axis == Axis.Inputs ? "an input" : "an output class", names);
            return null;
        }

        if (selector.First is not null)
        {
            diagnostics.Report(
                DiagnosticCatalog.OverrideIndexInvalid, selector.First.Location, selector.Text, change.Target.Text,
                $"'{name}' is {(axis == Axis.Inputs ? "an input" : "an output class")} and takes no index; write '{name}' alone");
            return null;
        }

        return [.. columns];
    }

    private List<int>? SelectNeurons(SelectorSyntax selector, OverrideSyntax change)
    {
        var name = selector.Name.Text;
        if (network.Blocks.FirstOrDefault(b => b.Name == name) is not { } block)
        {
            ReportUnknownName(selector, change, "a block of network '" + network.Name + "'", network.Blocks.Select(b => b.Name).ToList());
            return null;
        }

        var offset = network.Blocks.TakeWhile(b => b != block).Sum(b => (int)b.Size!.Value);
        var size = (int)block.Size!.Value;
        if (selector.First is null)
        {
            return Enumerable.Range(offset, size).ToList();
        }

        var first = ReadIndex(selector.First, selector, change, size);
        var last = selector.Last is null ? first : ReadIndex(selector.Last, selector, change, size);
        if (first is null || last is null)
        {
            return null;
        }

        if (last < first)
        {
            diagnostics.Report(
                DiagnosticCatalog.OverrideIndexInvalid, selector.Location, selector.Text, change.Target.Text,
                $"the range {first}..{last} is reversed; write {last}..{first}");
            return null;
        }

        return Enumerable.Range(offset + first.Value, last.Value - first.Value + 1).ToList();
    }

    private int? ReadIndex(ExpressionSyntax expression, SelectorSyntax selector, OverrideSyntax change, int size)
    {
        if (network.OverrideValues.GetValueOrDefault(expression) is not { } value)
        {
            return null;
        }

        if (Math.Floor(value) != value || value < 0 || value >= size)
        {
            diagnostics.Report(
                DiagnosticCatalog.OverrideIndexInvalid, expression.Location, selector.Text, change.Target.Text,
                $"index {MessageText.Number(value)} is not a neuron of block '{selector.Name.Text}', which has neurons 0 to {size - 1}");
            return null;
        }

        return (int)value;
    }

    private void ReportUnknownName(SelectorSyntax selector, OverrideSyntax change, string what, IReadOnlyList<string> names)
    {
        var fix = NameSuggester.FindClosest(selector.Name.Text, names) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : $"use one of {MessageText.JoinQuoted(names)}";
        diagnostics.Report(DiagnosticCatalog.UnknownOverrideName, selector.Name.Location, selector.Name.Text, change.Target.Text, what, fix);
    }

    private static IReadOnlyList<int>? ClassColumns(string name, int symbols)
    {
        if (name == InputNames.Blank)
        {
            return [VdcmLayout.BlankClass(symbols)];
        }

        return name == InputNames.Delimiter ? null : BlockWiringBinder.InputColumns(name, symbols);
    }

    private static string TargetName(OverrideTargetSyntax target) =>
        target.Part is null ? target.Matrix.Text : $"{target.Matrix.Text}.{target.Part.Text}";

    private static string Describe(Axis axis) => axis switch
    {
        Axis.Neurons => "block",
        Axis.Inputs => "input",
        _ => "class",
    };
}
