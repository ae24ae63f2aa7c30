namespace GateLang.Torch.Tests;

/// <summary>
/// A temporary directory with an unpatched copy of libLibTorchSharp.so, made from
/// the copy in this test project's output. The build step has already marked
/// GLIBCXX_3.4.32 weak there, so the copy gets the flag cleared again.
/// </summary>
internal sealed class LibraryFixture : IDisposable
{
    public const string Version = LibTorchSharpPatcher.DefaultVersion;

    /// <summary>The versions that Debian 12's libstdc++ (GCC 12, libstdc++.so.6.0.30) defines. It lacks <see cref="Version"/>.</summary>
    public static readonly string[] Debian12Versions =
    [
        .. Enumerable.Range(0, 31).Select(minor => minor == 0 ? "GLIBCXX_3.4" : $"GLIBCXX_3.4.{minor}"),
        .. Enumerable.Range(0, 14).Select(minor => minor == 0 ? "CXXABI_1.3" : $"CXXABI_1.3.{minor}"),
        "CXXABI_FLOAT128",
        "CXXABI_TM_1",
    ];

    public LibraryFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gatelang-torch-tests-").FullName;
        LibraryPath = CreateUnpatchedCopy(Path.Combine(Directory, "libLibTorchSharp.so"));
    }

    public string Directory { get; }

    public string LibraryPath { get; }

    /// <summary>Finds libLibTorchSharp.so in this test project's output (runtimes/linux-x64/native without a RuntimeIdentifier, the root with one).</summary>
    public static string OutputLibraryPath()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"libLibTorchSharp.so is not in the test output {AppContext.BaseDirectory}. Restore TorchSharp-cpu and rebuild.");
    }

    public static ElfVersionNeed FindNeed(string path, string version) =>
        ElfFile.Load(path).ReadVersionNeeds().Single(need => need.File == LibStdCxx.SharedObjectName && need.Name == version);

    public static void WriteUInt16(string path, long offset, ushort value)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        stream.WriteByte((byte)(value & 0xff));
        stream.WriteByte((byte)(value >> 8));
    }

    public string CreateUnpatchedCopy(string path)
    {
        File.Copy(OutputLibraryPath(), path, overwrite: true);
        var need = FindNeed(path, Version);
        if (need.IsWeak)
        {
            WriteUInt16(path, need.FlagsOffset, (ushort)(need.Flags & ~ElfFile.VerFlagWeak));
        }

        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
