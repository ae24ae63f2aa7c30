namespace GateLang.Torch.Tests;

public sealed class TorchRuntimeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatelang-torch-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EnsureLoadedTwiceSucceeds()
    {
        TorchRuntime.EnsureLoaded();
        TorchRuntime.EnsureLoaded();
    }

    [LinuxFact]
    public void MissingBindingNamesPackage()
    {
        var exception = Assert.Throws<TorchLoadException>(() => TorchRuntime.FindNativeLibraries([_directory]));

        Assert.Equal(TorchLoadFailure.NativeLibraryMissing, exception.Failure);
        Assert.Contains("libLibTorchSharp.so", exception.Message);
        Assert.Contains("TorchSharp-cpu", exception.Message);
        Assert.Contains(_directory, exception.Message);
    }

    [LinuxFact]
    public void NoSearchDirectoriesIsReported()
    {
        var exception = Assert.Throws<TorchLoadException>(() => TorchRuntime.FindNativeLibraries([]));

        Assert.Equal(TorchLoadFailure.NativeLibraryMissing, exception.Failure);
        Assert.Contains("no native search directories", exception.Message);
    }

    [LinuxFact]
    public void MissingLibtorchNamesFile()
    {
        File.WriteAllBytes(Path.Combine(_directory, "libLibTorchSharp.so"), []);

        var exception = Assert.Throws<TorchLoadException>(() => TorchRuntime.FindNativeLibraries([_directory]));

        Assert.Equal(TorchLoadFailure.NativeLibraryMissing, exception.Failure);
        Assert.Contains("libtorch_cpu.so", exception.Message);
        Assert.Contains("libtorch-cpu-", exception.Message);
    }

    [LinuxFact]
    public void FindsFirstDirectoryWithBothLibraries()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName;
        string native = Directory.CreateDirectory(Path.Combine(_directory, "native")).FullName;
        File.WriteAllBytes(Path.Combine(native, "libLibTorchSharp.so"), []);
        File.WriteAllBytes(Path.Combine(native, "libtorch_cpu.so"), []);

        string path = TorchRuntime.FindNativeLibraries([empty, native]);

        Assert.Equal(Path.Combine(native, "libLibTorchSharp.so"), path);
    }

    [LinuxFact]
    public void UnpatchedLibraryMissesVersionOnDebian12()
    {
        using var fixture = new LibraryFixture();
        var needs = ElfFile.Load(fixture.LibraryPath).ReadVersionNeeds();

        var missing = TorchRuntime.FindMissingVersions(needs, LibraryFixture.Debian12Versions);

        Assert.Equal([LibraryFixture.Version], missing);
    }

    [LinuxFact]
    public void PatchedLibraryMissesNothingOnDebian12()
    {
        using var fixture = new LibraryFixture();
        LibTorchSharpPatcher.Patch(fixture.LibraryPath, LibraryFixture.Version, null, null);
        var needs = ElfFile.Load(fixture.LibraryPath).ReadVersionNeeds();

        var missing = TorchRuntime.FindMissingVersions(needs, LibraryFixture.Debian12Versions);

        Assert.Empty(missing);
    }

    [Fact]
    public void MissingPatchableVersionMessageSuggestsRebuild()
    {
        string message = TorchRuntime.DescribeMissingVersions(
            "/app/libLibTorchSharp.so", [LibraryFixture.Version], "/usr/lib/libstdc++.so.6.0.30", LibraryFixture.Debian12Versions);

        Assert.Equal(
            "libtorch cannot be loaded: /app/libLibTorchSharp.so requires GLIBCXX_3.4.32 from libstdc++.so.6, "
            + "but the system libstdc++ (/usr/lib/libstdc++.so.6.0.30) provides versions only up to GLIBCXX_3.4.30. "
            + "Rebuild the project that references GateLang.Torch so that its build step marks GLIBCXX_3.4.32 weak in the output copy, "
            + "or install a libstdc++ that provides it (GCC 13.2 or newer).",
            message);
    }

    [Fact]
    public void MissingOtherVersionMessageSuggestsOnlyInstall()
    {
        string[] system = ["CXXABI_1.3", "CXXABI_1.3.13", .. LibraryFixture.Debian12Versions];

        string message = TorchRuntime.DescribeMissingVersions("/app/libLibTorchSharp.so", ["CXXABI_1.3.15"], "/usr/lib/libstdc++.so.6", system);

        Assert.Contains("requires CXXABI_1.3.15", message);
        Assert.Contains("only up to CXXABI_1.3.13", message);
        Assert.DoesNotContain("Rebuild", message);
        Assert.Contains("Install a libstdc++ that provides CXXABI_1.3.15", message);
    }

    [Fact]
    public void LoadErrorSummaryKeepsLoaderLine()
    {
        var exception = new DllNotFoundException(
            "Unable to load shared library '/app/libLibTorchSharp.so' or one of its dependencies. Consider setting LD_DEBUG: \n"
            + "/app/libtorch_cpu.so: undefined symbol: FLAGS_caffe2_log_level\n");

        Assert.Equal("/app/libtorch_cpu.so: undefined symbol: FLAGS_caffe2_log_level", TorchRuntime.SummarizeLoadError(exception));
    }

    [Fact]
    public void LoadErrorSummaryKeepsFirstLineOfTrace()
    {
        var exception = new TypeInitializationException(
            "TorchSharp.torch", new NotSupportedException("This application uses TorchSharp but lacks libtorch.\n\nTrace from LoadNativeBackend:\n  step 1"));

        Assert.Equal("This application uses TorchSharp but lacks libtorch.", TorchRuntime.SummarizeLoadError(exception));
    }
}
