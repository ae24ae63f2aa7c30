using System.Text;

namespace GateLang.Torch.Tests;

public sealed class LibStdCxxTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatelang-torch-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [LinuxFact]
    public void FindReturnsLibraryWithGlibcxxVersions()
    {
        string? path = LibStdCxx.Find();

        Assert.NotNull(path);
        Assert.True(File.Exists(path), $"{path} does not exist");
        Assert.StartsWith(LibStdCxx.SharedObjectName, Path.GetFileName(path));
        var versions = LibStdCxx.ReadGlibcxxVersions(path);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.All(versions, version => Assert.StartsWith("GLIBCXX_", version));
    }

    [Fact]
    public void NewestComparesNumbersNotText()
    {
        string[] versions = ["GLIBCXX_3.4.9", "GLIBCXX_3.4.30", "GLIBCXX_3.4", "GLIBCXX_3.4.21"];

        Assert.Equal("GLIBCXX_3.4.30", LibStdCxx.Newest(versions));
        Assert.Null(LibStdCxx.Newest([]));
    }

    [Fact]
    public void CompareVersionsTreatsMissingPartAsZero()
    {
        Assert.True(LibStdCxx.CompareVersions("GLIBCXX_3.4", "GLIBCXX_3.4.1") < 0);
        Assert.True(LibStdCxx.CompareVersions("GLIBCXX_3.4.32", "GLIBCXX_3.4.30") > 0);
        Assert.Equal(0, LibStdCxx.CompareVersions("GLIBCXX_3.4.30", "GLIBCXX_3.4.30"));
    }

    [Fact]
    public void ReadLoaderCacheFindsAllEntriesOfSoname()
    {
        string cache = Path.Combine(_directory, "ld.so.cache");
        File.WriteAllBytes(cache, BuildLoaderCache(
            ("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6"),
            ("libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"),
            ("libstdc++.so.6", "/usr/lib32/libstdc++.so.6")));

        var paths = LibStdCxx.ReadLoaderCache(cache, "libstdc++.so.6");

        Assert.Equal(["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib32/libstdc++.so.6"], paths);
    }

    [Fact]
    public void ReadLoaderCacheIgnoresUnknownFormat()
    {
        string cache = Path.Combine(_directory, "ld.so.cache");
        File.WriteAllText(cache, "not a loader cache");

        Assert.Empty(LibStdCxx.ReadLoaderCache(cache, "libstdc++.so.6"));
    }

    [Fact]
    public void ReadLoaderCacheRejectsTruncatedCache()
    {
        string cache = Path.Combine(_directory, "ld.so.cache");
        var bytes = BuildLoaderCache(("libstdc++.so.6", "/usr/lib/libstdc++.so.6"));
        File.WriteAllBytes(cache, bytes[..60]);

        Assert.Throws<InvalidDataException>(() => LibStdCxx.ReadLoaderCache(cache, "libstdc++.so.6"));
    }

    [LinuxFact]
    public void ReadLoaderCacheReadsSystemCache()
    {
        const string SystemCache = "/etc/ld.so.cache";
        Assert.True(File.Exists(SystemCache), "glibc systems have /etc/ld.so.cache");

        var paths = LibStdCxx.ReadLoaderCache(SystemCache, LibStdCxx.SharedObjectName);

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(File.Exists(path), $"{path} from the cache does not exist"));
    }

    /// <summary>Builds a cache in glibc's "glibc-ld.so.cache1.1" format with the given soname and path pairs.</summary>
    private static byte[] BuildLoaderCache(params (string Soname, string Path)[] entries)
    {
        const int HeaderSize = 48;
        const int EntrySize = 24;
        var strings = new MemoryStream();
        var offsets = new List<(uint Key, uint Value)>();
        int stringsStart = HeaderSize + entries.Length * EntrySize;
        foreach (var (soname, path) in entries)
        {
            uint key = (uint)(stringsStart + strings.Length);
            strings.Write(Encoding.UTF8.GetBytes(soname + "\0"));
            uint value = (uint)(stringsStart + strings.Length);
            strings.Write(Encoding.UTF8.GetBytes(path + "\0"));
            offsets.Add((key, value));
        }

        using var output = new MemoryStream();
        using var writer = new BinaryWriter(output);
        writer.Write(Encoding.ASCII.GetBytes("glibc-ld.so.cache1.1"));
        writer.Write((uint)entries.Length);
        writer.Write((uint)strings.Length);
        writer.Write(new byte[4]);
        writer.Write(0u);
        writer.Write(new byte[12]);
        foreach (var (key, value) in offsets)
        {
            writer.Write(0x0303);
            writer.Write(key);
            writer.Write(value);
            writer.Write(0u);
            writer.Write(0ul);
        }

        writer.Write(strings.ToArray());
        writer.Flush();
        return output.ToArray();
    }
}
