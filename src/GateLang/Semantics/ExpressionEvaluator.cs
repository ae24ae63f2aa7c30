using GateLang.Diagnostics;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// Evaluates an arithmetic expression to a double against a <see cref="ValueScope"/>.
/// </summary>
/// <remarks>
/// Every operand is evaluated even after an error, so that independent errors in one
/// expression are all reported. A null result means an error was reported, or a referenced
/// value is unknown because of an earlier error.
/// </remarks>
internal sealed class ExpressionEvaluator(ValueScope scope, DiagnosticBag diagnostics)
{
    public double? Evaluate(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => CheckFinite(number.Value, number),
        NameExpressionSyntax name => EvaluateName(name),
        MemberAccessExpressionSyntax access => EvaluateMemberAccess(access),
        ParenthesizedExpressionSyntax parenthesized => Evaluate(parenthesized.Inner),
        UnaryExpressionSyntax unary => -Evaluate(unary.Operand),
        BinaryExpressionSyntax binary => EvaluateBinary(binary),
        CallExpressionSyntax call => ReportCall(call),
        _ => throw new InvalidOperationException(
            $"A {expression.GetType().Name} reached the evaluator; setting values are checked for ranges and lists first."),
    };

    private double? ReportCall(CallExpressionSyntax call)
    {
        diagnostics.Report(DiagnosticCatalog.CallNotANumber, call.Location, MessageText.Excerpt(call.Text));
        return null;
    }

    private double? EvaluateName(NameExpressionSyntax expression)
    {
        var value = Resolve(expression.Name);
        if (value is null)
        {
            return null;
        }

        if (value.IsRange)
        {
            diagnostics.Report(DiagnosticCatalog.RangeUsedAsNumber, expression.Location, value.Name);
            return null;
        }

        return value.Value;
    }

    private double? EvaluateMemberAccess(MemberAccessExpressionSyntax expression)
    {
        var value = Resolve(expression.Target);
        if (value is null)
        {
            return null;
        }

        var member = expression.Member.Text;
        if (!value.IsRange)
        {
            diagnostics.Report(
                DiagnosticCatalog.UnknownField, expression.Member.Location, value.Name, member,
                $"'{value.Name}' is a number, so write '{value.Name}' alone");
            return null;
        }

        switch (member)
        {
            case "min":
                return value.Min;
            case "max":
                return value.Max;
            default:
                var fix = NameSuggester.FindClosest(member, ["min", "max"]) is { } suggestion
                    ? $"did you mean '{value.Name}.{suggestion}'?"
                    : $"use {value.Name}.min or {value.Name}.max";
                diagnostics.Report(DiagnosticCatalog.UnknownField, expression.Member.Location, value.Name, member, fix);
                return null;
        }
    }

    private double? EvaluateBinary(BinaryExpressionSyntax expression)
    {
        var left = Evaluate(expression.Left);
        var right = Evaluate(expression.Right);
        if (left is not { } l || right is not { } r)
        {
            return null;
        }

        if (expression.Operator == BinaryOperator.Divide && r == 0)
        {
            diagnostics.Report(DiagnosticCatalog.DivisionByZero, expression.Right.Location,
                MessageText.Excerpt(expression.Right.Text), MessageText.Excerpt(expression.Text));
            return null;
        }

        var result = expression.Operator switch
        {
            BinaryOperator.Add => l + r,
            BinaryOperator.Subtract => l - r,
            BinaryOperator.Multiply => l * r,
            BinaryOperator.Divide => l / r,
            BinaryOperator.Power => Math.Pow(l, r),
            _ => throw new InvalidOperationException($"Unhandled operator {expression.Operator}."),
        };
        return CheckFinite(result, expression);
    }

    /// <summary>
    /// Looks up a name, marks it used, and reports it when it is not visible here. Returns
    /// null when the name was reported.
    /// </summary>
    private NamedValue? Resolve(IdentifierSyntax identifier)
    {
        var name = identifier.CanonicalText;
        if (scope.Find(name) is { } value)
        {
            value.IsUsed = true;
            return value;
        }

        if (scope.FindLaterDefinition(name) is { } later)
        {
            diagnostics.Report(
                DiagnosticCatalog.NameUsedBeforeDefinition, identifier.Location, identifier.Text, later.Line, later.Column);
            return null;
        }

        diagnostics.Report(DiagnosticCatalog.UnknownName, identifier.Location, identifier.Text, UnknownNameFix(name));
        return null;
    }

    private string UnknownNameFix(string name)
    {
        if (NameSuggester.FindClosest(name, scope.SuggestionCandidates()) is { } suggestion)
        {
            return $"did you mean '{suggestion}'?";
        }

        var names = scope.DisplayNames();
        return names.Count == 0
            ? "no names are defined at this point"
            : $"the names defined at this point are {MessageText.JoinAnd(names)}";
    }

    private double? CheckFinite(double value, ExpressionSyntax expression)
    {
        if (double.IsFinite(value))
        {
            return value;
        }

        diagnostics.Report(DiagnosticCatalog.NotFinite, expression.Location, MessageText.Excerpt(expression.Text), MessageText.Number(value));
        return null;
    }
}
