using System.Globalization;

namespace GateLang.Diagnostics;

/// <summary>
/// One entry of <see cref="DiagnosticCatalog"/>: a stable code, a severity, a short title for
/// documentation, and a composite-format message template such as
/// <c>"unknown name '{0}'; {1}"</c>.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>Formats the message with the invariant culture and attaches it to <paramref name="location"/>.</summary>
    public Diagnostic Create(SourceLocation location, params object?[] arguments)
    {
        var message = string.Format(CultureInfo.InvariantCulture, MessageFormat, arguments);
        return new Diagnostic(this, location, message);
    }
}
