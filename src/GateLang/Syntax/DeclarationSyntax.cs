using GateLang.Diagnostics;

namespace GateLang.Syntax;

/// <summary>A whole .gate file: its task and network declarations in source order.</summary>
public sealed record SpecSyntax(IReadOnlyList<DeclarationSyntax> Declarations, SourceLocation Location)
    : SyntaxNode(Location)
{
    public IEnumerable<TaskSyntax> Tasks => Declarations.OfType<TaskSyntax>();

    public IEnumerable<NetworkSyntax> Networks => Declarations.OfType<NetworkSyntax>();
}

/// <summary>A top-level declaration: a task or a network.</summary>
public abstract record DeclarationSyntax(IdentifierSyntax Name, SourceLocation Location) : SyntaxNode(Location);

/// <summary><c>task name { settings }</c>.</summary>
public sealed record TaskSyntax(IdentifierSyntax Name, IReadOnlyList<SettingSyntax> Settings, SourceLocation Location)
    : DeclarationSyntax(Name, Location);

/// <summary><c>network name for task { members }</c>.</summary>
public sealed record NetworkSyntax(
    IdentifierSyntax Name,
    IdentifierSyntax TaskName,
    IReadOnlyList<NetworkMemberSyntax> Members,
    SourceLocation Location)
    : DeclarationSyntax(Name, Location);
