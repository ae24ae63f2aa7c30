namespace GateLang.Diagnostics;

/// <summary>
/// A position in a spec file: 1-based line and column, and the length of the marked text.
/// </summary>
public readonly record struct SourceLocation(string File, int Line, int Column, int Length = 1)
{
    /// <summary>A location for values that do not come from a file, such as command-line options.</summary>
    public static SourceLocation None { get; } = new("<none>", 0, 0, 0);

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
