namespace GateLang.Cli;

/// <summary>The two streams a command writes to: results on output, diagnostics and errors on error.</summary>
public sealed record CliConsole(TextWriter Output, TextWriter Error);
