namespace GateLang.Reports;

/// <summary>A finished report held in memory: every file with its path relative to the report folder.</summary>
public sealed record ReportContent(IReadOnlyList<ReportFile> Files)
{
    public const string MarkdownFileName = "report.md";
    public const string JsonFileName = "report.json";
    public const string FigureFolder = "figures";
}

/// <param name="RelativePath">The path inside the report folder, with '/' separators.</param>
public sealed record ReportFile(string RelativePath, byte[] Content);
