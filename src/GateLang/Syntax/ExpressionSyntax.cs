using GateLang.Diagnostics;

namespace GateLang.Syntax;

/// <summary>
/// An expression. <see cref="Text"/> is its source text, which diagnostics quote.
/// </summary>
public abstract record ExpressionSyntax(string Text, SourceLocation Location) : SyntaxNode(Location);

/// <summary>A number literal such as <c>3</c>, <c>0.5</c> or <c>1e-3</c>.</summary>
/// <param name="Value">The literal's value, which is infinite when the literal is beyond the range of a double.</param>
public sealed record NumberLiteralSyntax(double Value, string Text, SourceLocation Location)
    : ExpressionSyntax(Text, Location);

/// <summary>A reference to a name, such as <c>S</c>, <c>alpha</c> or a let.</summary>
public sealed record NameExpressionSyntax(IdentifierSyntax Name, string Text, SourceLocation Location)
    : ExpressionSyntax(Text, Location);

/// <summary>
/// A call such as <c>any(symbols, dec)</c>. Only signal settings of blocks accept calls; the
/// binder reports one anywhere else.
/// </summary>
public sealed record CallExpressionSyntax(
    IdentifierSyntax Name,
    IReadOnlyList<ExpressionSyntax> Arguments,
    string Text,
    SourceLocation Location)
    : ExpressionSyntax(Text, Location);

/// <summary>A field of a named value, such as <c>T.min</c>.</summary>
public sealed record MemberAccessExpressionSyntax(
    IdentifierSyntax Target,
    IdentifierSyntax Member,
    string Text,
    SourceLocation Location)
    : ExpressionSyntax(Text, Location);

public enum UnaryOperator
{
    Negate,
}

/// <summary><c>-operand</c>.</summary>
public sealed record UnaryExpressionSyntax(UnaryOperator Operator, ExpressionSyntax Operand, string Text, SourceLocation Location)
    : ExpressionSyntax(Text, Location);

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

/// <summary><c>left op right</c> for <c>+ - * / ^</c>.</summary>
public sealed record BinaryExpressionSyntax(
    BinaryOperator Operator,
    ExpressionSyntax Left,
    ExpressionSyntax Right,
    string Text,
    SourceLocation Location)
    : ExpressionSyntax(Text, Location);

/// <summary><c>(inner)</c>.</summary>
public sealed record ParenthesizedExpressionSyntax(ExpressionSyntax Inner, string Text, SourceLocation Location)
    : ExpressionSyntax(Text, Location);

/// <summary><c>min..max</c>. Only a whole setting value can be a range.</summary>
public sealed record RangeExpressionSyntax(ExpressionSyntax Min, ExpressionSyntax Max, string Text, SourceLocation Location)
    : ExpressionSyntax(Text, Location);

/// <summary><c>[a, b, ...]</c>. Only a whole setting value can be a list.</summary>
public sealed record ListExpressionSyntax(IReadOnlyList<ExpressionSyntax> Items, string Text, SourceLocation Location)
    : ExpressionSyntax(Text, Location);
