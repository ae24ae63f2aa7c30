using GateLang.IO;

namespace GateLang.Reports;

/// <summary>
/// Writes a <see cref="ReportContent"/> to a folder so that no reader sees a half-written report.
/// </summary>
/// <remarks>
/// A new folder is filled under a temporary name next to it and renamed into place at the end,
/// so it appears complete or not at all. In an existing folder every file is written atomically
/// (<see cref="AtomicFile"/>), report.json last, and files of an earlier report that this one
/// does not write are left as they are.
/// </remarks>
public static class ReportWriter
{
    /// <exception cref="IOException">A folder or file cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(string folder, ReportContent content)
    {
        var fullPath = Path.GetFullPath(folder);
        if (Directory.Exists(fullPath))
        {
            WriteFiles(fullPath, content);
            return;
        }

        var parent = Path.GetDirectoryName(fullPath.TrimEnd(Path.DirectorySeparatorChar))
            ?? throw new IOException($"Cannot write a report to '{folder}': it names a root folder.");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(fullPath.TrimEnd(Path.DirectorySeparatorChar))}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(staging);
            WriteFiles(staging, content);
            Directory.Move(staging, fullPath);
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static void WriteFiles(string folder, ReportContent content)
    {
        var ordered = content.Files
            .OrderBy(f => f.RelativePath == ReportContent.JsonFileName ? 1 : 0)
            .ToArray();
        foreach (var file in ordered)
        {
            var path = Path.Combine(folder, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, stream => stream.Write(file.Content));
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
