namespace GateLang.Diagnostics;

/// <summary>How serious a diagnostic is. Any error stops the spec from being compiled.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
