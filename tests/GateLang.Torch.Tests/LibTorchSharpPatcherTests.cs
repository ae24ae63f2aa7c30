using System.Runtime.Versioning;

namespace GateLang.Torch.Tests;

public sealed class LibTorchSharpPatcherTests : IDisposable
{
    private readonly LibraryFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [LinuxFact]
    public void VersionUsedOnlyByLinkOnlySymbol()
    {
        var elf = ElfFile.Load(_fixture.LibraryPath);
        var need = LibraryFixture.FindNeed(_fixture.LibraryPath, LibraryFixture.Version);

        Assert.False(need.IsWeak);
        Assert.Equal(LibTorchSharpPatcher.LinkOnlySymbols, elf.ReadSymbolsWithVersion(need.Index));
    }

    [LinuxFact]
    public void PatchChangesOnlyTargetFlag()
    {
        var before = File.ReadAllBytes(_fixture.LibraryPath);
        var needsBefore = ElfFile.Load(_fixture.LibraryPath).ReadVersionNeeds();
        var target = LibraryFixture.FindNeed(_fixture.LibraryPath, LibraryFixture.Version);

        var result = LibTorchSharpPatcher.Patch(_fixture.LibraryPath, LibraryFixture.Version, LibraryFixture.Debian12Versions, "/usr/lib/libstdc++.so.6");

        Assert.Equal(PatchOutcome.Patched, result.Outcome);
        Assert.Contains(LibraryFixture.Version, result.Message);
        Assert.Contains("GLIBCXX_3.4.30", result.Message);
        var needsAfter = ElfFile.Load(_fixture.LibraryPath).ReadVersionNeeds();
        Assert.Equal(needsBefore.Count, needsAfter.Count);
        for (int i = 0; i < needsBefore.Count; i++)
        {
            bool isTarget = needsBefore[i].FlagsOffset == target.FlagsOffset;
            ushort expected = isTarget ? (ushort)(needsBefore[i].Flags | ElfFile.VerFlagWeak) : needsBefore[i].Flags;
            Assert.Equal(expected, needsAfter[i].Flags);
        }

        var after = File.ReadAllBytes(_fixture.LibraryPath);
        Assert.Equal(before.Length, after.Length);
        var changedOffsets = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal([(int)target.FlagsOffset], changedOffsets);
    }

    [LinuxFact]
    public void SecondPatchLeavesFileUnchanged()
    {
        LibTorchSharpPatcher.Patch(_fixture.LibraryPath, LibraryFixture.Version, LibraryFixture.Debian12Versions, null);
        var once = File.ReadAllBytes(_fixture.LibraryPath);
        var lastWrite = File.GetLastWriteTimeUtc(_fixture.LibraryPath);

        var result = LibTorchSharpPatcher.Patch(_fixture.LibraryPath, LibraryFixture.Version, LibraryFixture.Debian12Versions, null);

        Assert.Equal(PatchOutcome.AlreadyWeak, result.Outcome);
        Assert.Equal(once, File.ReadAllBytes(_fixture.LibraryPath));
        Assert.Equal(lastWrite, File.GetLastWriteTimeUtc(_fixture.LibraryPath));
        Assert.Equal(["libLibTorchSharp.so"], Directory.GetFiles(_fixture.Directory).Select(Path.GetFileName));
    }

    [LinuxFact]
    [SupportedOSPlatform("linux")]
    public void PatchKeepsModeAndLastWriteTime()
    {
        File.SetUnixFileMode(_fixture.LibraryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        var lastWrite = new DateTime(2026, 2, 13, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_fixture.LibraryPath, lastWrite);

        LibTorchSharpPatcher.Patch(_fixture.LibraryPath, LibraryFixture.Version, LibraryFixture.Debian12Versions, null);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(_fixture.LibraryPath));
        Assert.Equal(lastWrite, File.GetLastWriteTimeUtc(_fixture.LibraryPath));
    }

    [LinuxFact]
    public void PatchSkipsWhenSystemDefinesVersion()
    {
        var before = File.ReadAllBytes(_fixture.LibraryPath);
        string[] newerSystem = [.. LibraryFixture.Debian12Versions, "GLIBCXX_3.4.31", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33"];

        var result = LibTorchSharpPatcher.Patch(_fixture.LibraryPath, LibraryFixture.Version, newerSystem, "/usr/lib/libstdc++.so.6.0.33");

        Assert.Equal(PatchOutcome.NotNeeded, result.Outcome);
        Assert.Contains("/usr/lib/libstdc++.so.6.0.33", result.Message);
        Assert.Equal(before, File.ReadAllBytes(_fixture.LibraryPath));
        Assert.False(LibraryFixture.FindNeed(_fixture.LibraryPath, LibraryFixture.Version).IsWeak);
    }

    [LinuxFact]
    public void PatchWithoutSystemVersionsPatches()
    {
        var result = LibTorchSharpPatcher.Patch(_fixture.LibraryPath, LibraryFixture.Version, null, null);

        Assert.Equal(PatchOutcome.Patched, result.Outcome);
        Assert.Contains("not checked", result.Message);
        Assert.True(LibraryFixture.FindNeed(_fixture.LibraryPath, LibraryFixture.Version).IsWeak);
    }

    [LinuxFact]
    public void PatchDoesNotWriteThroughHardLink()
    {
        // The package file stands in for the NuGet cache copy that an output file may be hard-linked to.
        string packageFile = _fixture.CreateUnpatchedCopy(Path.Combine(_fixture.Directory, "package.so"));
        string outputFile = Path.Combine(_fixture.Directory, "output.so");
        RunLn(packageFile, outputFile);
        var packageBytes = File.ReadAllBytes(packageFile);

        var result = LibTorchSharpPatcher.Patch(outputFile, LibraryFixture.Version, LibraryFixture.Debian12Versions, null);

        Assert.Equal(PatchOutcome.Patched, result.Outcome);
        Assert.Equal(packageBytes, File.ReadAllBytes(packageFile));
        Assert.True(LibraryFixture.FindNeed(outputFile, LibraryFixture.Version).IsWeak);
        Assert.False(LibraryFixture.FindNeed(packageFile, LibraryFixture.Version).IsWeak);
    }

    [LinuxFact]
    public void PatchRejectsVersionWithRealSymbols()
    {
        // GLIBCXX_3.4.30 carries std::condition_variable::wait, which the library calls.
        var before = File.ReadAllBytes(_fixture.LibraryPath);
        string[] olderSystem = LibraryFixture.Debian12Versions.Where(version => version != "GLIBCXX_3.4.30").ToArray();

        var result = LibTorchSharpPatcher.Patch(_fixture.LibraryPath, "GLIBCXX_3.4.30", olderSystem, null);

        Assert.Equal(PatchOutcome.Rejected, result.Outcome);
        Assert.Contains("condition_variable", result.Message);
        Assert.Equal(before, File.ReadAllBytes(_fixture.LibraryPath));
    }

    [LinuxFact]
    public void PatchIgnoresVersionNotNeeded()
    {
        var before = File.ReadAllBytes(_fixture.LibraryPath);

        var result = LibTorchSharpPatcher.Patch(_fixture.LibraryPath, "GLIBCXX_9.9.9", LibraryFixture.Debian12Versions, null);

        Assert.Equal(PatchOutcome.VersionNotRequired, result.Outcome);
        Assert.Equal(before, File.ReadAllBytes(_fixture.LibraryPath));
    }

    [LinuxFact]
    public void ReaderRejectsTruncatedFile()
    {
        string truncated = Path.Combine(_fixture.Directory, "truncated.so");
        File.WriteAllBytes(truncated, File.ReadAllBytes(_fixture.LibraryPath)[..4096]);

        Assert.Throws<InvalidDataException>(() => ElfFile.Load(truncated).ReadVersionNeeds());
    }

    [Fact]
    public void ReaderRejectsNonElfFile()
    {
        string text = Path.Combine(_fixture.Directory, "text.so");
        File.WriteAllText(text, new string('x', 100));

        var exception = Assert.Throws<InvalidDataException>(() => ElfFile.Load(text));
        Assert.Contains("not an ELF file", exception.Message);
    }

    [LinuxFact]
    public void BuildOutputCopyIsPatched()
    {
        string? systemLibrary = LibStdCxx.Find();
        Assert.NotNull(systemLibrary);
        bool systemDefinesVersion = LibStdCxx.ReadGlibcxxVersions(systemLibrary).Contains(LibraryFixture.Version);

        var need = LibraryFixture.FindNeed(LibraryFixture.OutputLibraryPath(), LibraryFixture.Version);

        Assert.True(need.IsWeak || systemDefinesVersion, $"the build did not mark {LibraryFixture.Version} weak, and {systemLibrary} does not define it");
    }

    private static void RunLn(string target, string link)
    {
        using var process = System.Diagnostics.Process.Start("ln", [target, link]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
