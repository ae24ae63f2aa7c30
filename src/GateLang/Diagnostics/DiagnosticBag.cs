namespace GateLang.Diagnostics;

/// <summary>Collects the diagnostics of one compilation in the order they are reported.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _diagnostics = [];

    public int Count => _diagnostics.Count;

    public int ErrorCount { get; private set; }

    public bool HasErrors => ErrorCount > 0;

    public void Add(Diagnostic diagnostic)
    {
        _diagnostics.Add(diagnostic);
        if (diagnostic.IsError)
        {
            ErrorCount++;
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    /// <summary>Creates a diagnostic from <paramref name="descriptor"/> and adds it.</summary>
    public void Report(DiagnosticDescriptor descriptor, SourceLocation location, params object?[] arguments) =>
        Add(descriptor.Create(location, arguments));

    /// <summary>
    /// Returns the diagnostics ordered by file, line and column. Diagnostics at the same position
    /// keep the order in which they were reported.
    /// </summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        _diagnostics
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ToList();
}
