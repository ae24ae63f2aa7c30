using System.Text;
using GateLang.Diagnostics;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// The front end's entry point: reads a spec, parses it and binds it into task and network
/// definitions. Every problem in the input is returned as a diagnostic. Exceptions are
/// thrown only for null arguments and compiler bugs.
/// </summary>
public static class SpecCompiler
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the spec at <paramref name="path"/> as UTF-8 and checks it.</summary>
    public static CheckResult Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        var (text, error) = ReadSource(path);
        if (error is not null)
        {
            return new CheckResult([], [], [error], "");
        }

        return CheckText(text!, path);
    }

    /// <summary>
    /// Checks spec source text. <paramref name="fileName"/> is used only in diagnostic locations.
    /// </summary>
    public static CheckResult CheckText(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        var parsed = SpecParser.Parse(text, fileName);
        if (parsed.Syntax is not { } syntax)
        {
            return new CheckResult([], [], parsed.Diagnostics, text);
        }

        var diagnostics = new DiagnosticBag();
        var (tasks, networks) = new SpecBinder(diagnostics).Bind(syntax);
        return new CheckResult(tasks, networks, diagnostics.ToSortedList(), text);
    }

    /// <summary>
    /// Reads a spec file, or returns the diagnostic for a missing, oversized or unreadable one.
    /// The size is checked before reading, at 3 bytes per character, the most UTF-8 needs for
    /// one UTF-16 character.
    /// </summary>
    private static (string? Text, Diagnostic? Error) ReadSource(string path)
    {
        var location = new SourceLocation(path, 0, 0, 0);
        try
        {
            if (Directory.Exists(path))
            {
                return (null, DiagnosticCatalog.SpecFileUnreadable.Create(location, path, "it is a directory"));
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return (null, DiagnosticCatalog.SpecFileNotFound.Create(location, path, file.FullName));
            }

            if (file.Length > 3L * CompilerLimits.MaxSourceLength)
            {
                return (null, DiagnosticCatalog.SourceTooLarge.Create(
                    location, path, $"{file.Length} bytes", CompilerLimits.MaxSourceLength));
            }

            return (File.ReadAllText(path, StrictUtf8), null);
        }
        catch (DecoderFallbackException)
        {
            // Caught before the handler below, because DecoderFallbackException is an ArgumentException.
            return (null, DiagnosticCatalog.SpecFileUnreadable.Create(location, path, "it is not valid UTF-8"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, DiagnosticCatalog.SpecFileUnreadable.Create(location, path, ReasonOf(e)));
        }
    }

    private static string ReasonOf(Exception e) => e.Message.TrimEnd('.');
}
