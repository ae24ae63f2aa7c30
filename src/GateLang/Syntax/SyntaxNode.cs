using GateLang.Diagnostics;

namespace GateLang.Syntax;

/// <summary>
/// Base of the abstract syntax tree. <see cref="Location"/> spans the node's text, from its
/// first character to its last.
/// </summary>
public abstract record SyntaxNode(SourceLocation Location);

/// <summary>A name as written in the spec, such as a task, block, setting or let name.</summary>
public sealed record IdentifierSyntax(string Text, SourceLocation Location) : SyntaxNode(Location)
{
    /// <summary>
    /// The name with the Greek aliases replaced: <c>α</c> becomes <c>alpha</c> and <c>β</c>
    /// becomes <c>beta</c>. Every lookup uses this form.
    /// </summary>
    public string CanonicalText => Text switch
    {
        "\u03B1" => "alpha",
        "\u03B2" => "beta",
        _ => Text,
    };
}
