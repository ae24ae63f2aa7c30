namespace GateLang.Cli;

/// <summary>The process exit codes of <c>gatelang</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Invalid input: spec diagnostics, a bad option value, a missing or unwritable file.</summary>
    public const int UserError = 1;

    /// <summary>A bug in GateLang, reported in one line.</summary>
    public const int InternalError = 2;
}

/// <summary>
/// An error in what the user gave (a file, an option value) that ends the command with exit code 1.
/// The message is printed as it is, so it names the value and the fix.
/// </summary>
public sealed class UserErrorException(string message) : Exception(message);
