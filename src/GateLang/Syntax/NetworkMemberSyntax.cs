using GateLang.Diagnostics;

namespace GateLang.Syntax;

/// <summary>A statement inside a network body: a setting, a let, a block, the readout or the train section.</summary>
public abstract record NetworkMemberSyntax(SourceLocation Location) : SyntaxNode(Location);

/// <summary>
/// <c>key = value</c>, in a task, a network or a block. The value is an expression, a
/// <see cref="RangeExpressionSyntax"/> or a <see cref="ListExpressionSyntax"/>.
/// </summary>
public sealed record SettingSyntax(IdentifierSyntax Key, ExpressionSyntax Value, SourceLocation Location)
    : NetworkMemberSyntax(Location);

/// <summary><c>let name = expression</c>: a named value for later expressions of the network.</summary>
public sealed record LetSyntax(IdentifierSyntax Name, ExpressionSyntax Value, SourceLocation Location)
    : NetworkMemberSyntax(Location);

/// <summary>
/// <c>kind name { settings }</c>. <see cref="Kind"/> is the word as written, normally
/// <c>memory</c>, <c>clock</c> or <c>switch</c>. The binder reports any other word.
/// </summary>
public sealed record BlockSyntax(
    IdentifierSyntax Kind,
    IdentifierSyntax Name,
    IReadOnlyList<SettingSyntax> Settings,
    SourceLocation Location)
    : NetworkMemberSyntax(Location);

/// <summary><c>readout = block, -block, ...</c>.</summary>
/// <param name="Blocks">The block names in source order, without their signs.</param>
public sealed record ReadoutSyntax(IReadOnlyList<IdentifierSyntax> Blocks, SourceLocation Location)
    : NetworkMemberSyntax(Location)
{
    /// <summary>One entry per name of <see cref="Blocks"/>: whether a '-' precedes it.</summary>
    public IReadOnlyList<bool> Negated { get; init; } = [];

    /// <summary>Whether the name at <paramref name="index"/> is read with the opposite sign.</summary>
    public bool IsNegated(int index) => index < Negated.Count && Negated[index];
}

/// <summary>How an override changes the entries it selects.</summary>
public enum OverrideOperator
{
    /// <summary><c>=</c>: every selected entry takes the value.</summary>
    Assign,

    /// <summary><c>*=</c>: every selected entry is multiplied by the value.</summary>
    Scale,
}

/// <summary>
/// <c>override target[rows, columns] = value</c> or <c>*= value</c>: a change to compiled
/// weights, applied after lowering in source order.
/// </summary>
public sealed record OverrideSyntax(
    OverrideTargetSyntax Target,
    OverrideOperator Operator,
    ExpressionSyntax Value,
    SourceLocation Location)
    : NetworkMemberSyntax(Location);

/// <summary>
/// The parameter an override changes, such as <c>z.hh[mem, clk]</c>: <see cref="Matrix"/> is
/// the gate (<c>r</c>, <c>z</c>, <c>n</c>) or <c>readout</c>, <see cref="Part"/> the parameter
/// after the dot (<c>ih</c>, <c>hh</c>, <c>bias_ih</c>, <c>bias_hh</c>, <c>bias</c>) or null,
/// and <see cref="Selectors"/> the one or two bracketed selectors.
/// </summary>
public sealed record OverrideTargetSyntax(
    IdentifierSyntax Matrix,
    IdentifierSyntax? Part,
    IReadOnlyList<SelectorSyntax> Selectors,
    string Text,
    SourceLocation Location)
    : SyntaxNode(Location);

/// <summary>
/// One axis of an override: a block, input or output-class name, optionally with an index
/// <c>name[i]</c> or an inclusive index range <c>name[i..j]</c>.
/// </summary>
public sealed record SelectorSyntax(
    IdentifierSyntax Name,
    ExpressionSyntax? First,
    ExpressionSyntax? Last,
    string Text,
    SourceLocation Location)
    : SyntaxNode(Location);

/// <summary><c>train { settings }</c>: how to train a network of this shape with gradient descent.</summary>
public sealed record TrainSyntax(IReadOnlyList<SettingSyntax> Settings, SourceLocation Location)
    : NetworkMemberSyntax(Location);
