using GateLang.Diagnostics;
using GateLang.Ir;

namespace GateLang.Semantics;

/// <summary>
/// The result of checking one spec: the bound tasks and networks, and every diagnostic.
/// </summary>
/// <param name="Tasks">Tasks without errors, in source order.</param>
/// <param name="Networks">Networks without errors whose task has no errors, in source order.</param>
/// <param name="Diagnostics">Errors and warnings ordered by position.</param>
/// <param name="SourceText">The spec's text, or empty when the file could not be read.</param>
public sealed record CheckResult(
    IReadOnlyList<TaskDefinition> Tasks,
    IReadOnlyList<NetworkDefinition> Networks,
    IReadOnlyList<Diagnostic> Diagnostics,
    string SourceText)
{
    /// <summary>
    /// Whether any diagnostic is an error. When it is, <see cref="Tasks"/> and
    /// <see cref="Networks"/> leave out the declarations with errors and must not be compiled.
    /// </summary>
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);
}
