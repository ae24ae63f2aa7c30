namespace GateLang.IO;

/// <summary>
/// Writes files so that a reader never sees a partial one: the content goes to a temporary file
/// in the target folder, which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: -1, leaveOpen: true);
            writer.Write(contents);
            writer.Flush();
        });

    /// <summary>
    /// Calls <paramref name="writeContent"/> on a temporary file in the target folder and renames it to
    /// <paramref name="path"/> once the content is flushed to disk.
    /// </summary>
    /// <remarks>
    /// The rename is atomic where the file system makes <c>rename</c> atomic (POSIX file systems;
    /// NTFS through <c>MoveFileEx</c>). On any exception the temporary file is deleted and the
    /// exception propagates, leaving an existing file at <paramref name="path"/> unchanged.
    /// </remarks>
    public static void Write(string path, Action<Stream> writeContent)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)
            ?? throw new IOException($"Cannot write '{path}': it names a root folder, not a file.");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
