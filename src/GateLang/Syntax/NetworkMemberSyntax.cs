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

/// <summary><c>readout = block, block, ...</c>.</summary>
public sealed record ReadoutSyntax(IReadOnlyList<IdentifierSyntax> Blocks, SourceLocation Location)
    : NetworkMemberSyntax(Location);

/// <summary><c>train { settings }</c>: how to train a network of this shape with gradient descent.</summary>
public sealed record TrainSyntax(IReadOnlyList<SettingSyntax> Settings, SourceLocation Location)
    : NetworkMemberSyntax(Location);
