using GateLang.Diagnostics;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>An inclusive range of whole numbers, such as the delay range T.</summary>
internal readonly record struct IntegerRange(double Min, double Max);

/// <summary>
/// The value of an <c>init</c> setting: one number for every neuron, or one value per neuron.
/// </summary>
internal sealed record InitialStateValue(double? Fill, IReadOnlyList<double>? Values);

/// <summary>
/// Reads a setting's value as the type the setting expects, and reports a value of the wrong
/// shape (a range or list where a number is expected, and so on) or a fraction where a whole
/// number is expected. Each method returns null after reporting, or when the value is unknown
/// because of an earlier error.
/// </summary>
internal sealed class SettingValueReader(ExpressionEvaluator evaluator, DiagnosticBag diagnostics)
{
    public double? ReadNumber(SettingSyntax setting)
    {
        if (setting.Value is RangeExpressionSyntax or ListExpressionSyntax)
        {
            ReportWrongType(setting, "a number");
            return null;
        }

        return evaluator.Evaluate(setting.Value);
    }

    public double? ReadInteger(SettingSyntax setting)
    {
        if (setting.Value is RangeExpressionSyntax or ListExpressionSyntax)
        {
            ReportWrongType(setting, "a whole number");
            return null;
        }

        return CheckInteger(setting, setting.Value);
    }

    /// <summary>Reads <c>min..max</c>, or a single whole number n as the range n..n.</summary>
    public IntegerRange? ReadIntegerRange(SettingSyntax setting)
    {
        switch (setting.Value)
        {
            case ListExpressionSyntax:
                ReportWrongType(setting, "a range 'min..max' or a whole number");
                return null;

            case RangeExpressionSyntax range:
                var min = CheckInteger(setting, range.Min);
                var max = CheckInteger(setting, range.Max);
                return min is { } lower && max is { } upper ? new IntegerRange(lower, upper) : null;

            default:
                return CheckInteger(setting, setting.Value) is { } single ? new IntegerRange(single, single) : null;
        }
    }

    public InitialStateValue? ReadInitialState(SettingSyntax setting)
    {
        switch (setting.Value)
        {
            case RangeExpressionSyntax:
                ReportWrongType(setting, "a number or a list '[a, b, ...]'");
                return null;

            case ListExpressionSyntax list:
                var values = new List<double>(list.Items.Count);
                var valid = true;
                foreach (var item in list.Items)
                {
                    if (evaluator.Evaluate(item) is { } value)
                    {
                        values.Add(value);
                    }
                    else
                    {
                        valid = false;
                    }
                }

                return valid ? new InitialStateValue(null, values) : null;

            default:
                return evaluator.Evaluate(setting.Value) is { } fill ? new InitialStateValue(fill, null) : null;
        }
    }

    /// <summary>Reads a bare name, such as the task kind in <c>kind = vdcm</c>.</summary>
    public IdentifierSyntax? ReadName(SettingSyntax setting, string expected)
    {
        if (setting.Value is NameExpressionSyntax name)
        {
            return name.Name;
        }

        ReportWrongType(setting, expected);
        return null;
    }

    private double? CheckInteger(SettingSyntax setting, ExpressionSyntax expression)
    {
        if (evaluator.Evaluate(expression) is not { } value)
        {
            return null;
        }

        if (Math.Floor(value) != value)
        {
            diagnostics.Report(
                DiagnosticCatalog.NotAnInteger, expression.Location, setting.Key.Text, MessageText.Excerpt(expression.Text), MessageText.Number(value));
            return null;
        }

        return value;
    }

    private void ReportWrongType(SettingSyntax setting, string expected) =>
        diagnostics.Report(DiagnosticCatalog.WrongValueType, setting.Value.Location, setting.Key.Text, expected, DescribeValue(setting.Value));

    private static string DescribeValue(ExpressionSyntax value) => value switch
    {
        RangeExpressionSyntax => $"the range '{MessageText.Excerpt(value.Text)}'",
        ListExpressionSyntax => $"the list '{MessageText.Excerpt(value.Text)}'",
        NumberLiteralSyntax => $"the number '{MessageText.Excerpt(value.Text)}'",
        NameExpressionSyntax => $"the name '{MessageText.Excerpt(value.Text)}'",
        _ => $"the expression '{MessageText.Excerpt(value.Text)}'",
    };
}
