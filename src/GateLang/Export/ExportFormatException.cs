namespace GateLang.Export;

/// <summary>
/// An exported weight file that cannot be read: truncated, with an invalid header, an unsupported
/// dtype, a missing tensor or metadata key, or a tensor of the wrong shape.
/// </summary>
public sealed class ExportFormatException : Exception
{
    public ExportFormatException(string path, string detail)
        : base($"{path}: {detail}")
    {
        Path = path;
        Detail = detail;
    }

    public ExportFormatException(string path, string detail, Exception innerException)
        : base($"{path}: {detail}", innerException)
    {
        Path = path;
        Detail = detail;
    }

    /// <summary>The file that failed to read.</summary>
    public string Path { get; }

    /// <summary>The problem, without the path.</summary>
    public string Detail { get; }
}
