using System.Runtime.InteropServices;
using TorchSharp;

namespace GateLang.Torch;

/// <summary>
/// Loads TorchSharp's native libraries (libLibTorchSharp and libtorch) once per
/// process and turns every way that can fail into a <see cref="TorchLoadException"/>
/// with a message for the end user.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock LoadLock = new();
    private static bool _loaded;

    /// <summary>
    /// Loads libtorch for the CPU device unless an earlier call succeeded.
    /// </summary>
    /// <remarks>
    /// On Linux the libstdc++ versions are checked before anything is loaded.
    /// After a failed load, TorchSharp 0.107.0 copies all of libtorch (478 MB for
    /// libtorch-cpu-linux-x64 2.10.0) from the NuGet cache into a cpu folder next
    /// to the application and tries that copy, which fails the same way.
    /// </remarks>
    /// <exception cref="TorchLoadException">libtorch is missing or cannot be loaded on this system.</exception>
    public static void EnsureLoaded()
    {
        lock (LoadLock)
        {
            if (_loaded)
            {
                return;
            }

            string libraryPath = FindNativeLibraries(NativeSearchDirectories());
            if (OperatingSystem.IsLinux())
            {
                CheckLibStdCxx(libraryPath);
            }

            LoadNativeLibrary(libraryPath);
            _loaded = true;
        }
    }

    /// <summary>
    /// Returns the path of the TorchSharp native library in the first of <paramref name="directories"/> that contains it,
    /// after checking that libtorch's CPU library sits next to it.
    /// </summary>
    internal static string FindNativeLibraries(IReadOnlyList<string> directories)
    {
        string bindingName = NativeFileName("LibTorchSharp");
        string libtorchName = NativeFileName("torch_cpu");
        foreach (var directory in directories)
        {
            string bindingPath = Path.Combine(directory, bindingName);
            if (!File.Exists(bindingPath))
            {
                continue;
            }

            if (!File.Exists(Path.Combine(directory, libtorchName)))
            {
                throw new TorchLoadException(
                    TorchLoadFailure.NativeLibraryMissing,
                    $"libtorch is not available: {directory} contains {bindingName} but not {libtorchName}. "
                    + $"The libtorch-cpu-{RuntimeInformation.RuntimeIdentifier} package, a dependency of TorchSharp-cpu, provides it. Restore and rebuild the project that references GateLang.Torch.");
            }

            return bindingPath;
        }

        string searched = directories.Count == 0 ? "no native search directories are set" : "searched " + string.Join(", ", directories);
        throw new TorchLoadException(
            TorchLoadFailure.NativeLibraryMissing,
            $"libtorch is not available: the TorchSharp native library {bindingName} was not found ({searched}). "
            + "It comes with the TorchSharp-cpu NuGet package, which provides libtorch for linux-x64, win-x64 and osx-arm64. "
            + "Build gatelang from a project that references GateLang.Torch on one of those platforms.");
    }

    /// <summary>
    /// Returns the non-weak versions that <paramref name="needs"/> requires from libstdc++.so.6 and <paramref name="systemVersions"/> lacks.
    /// </summary>
    internal static List<string> FindMissingVersions(IEnumerable<ElfVersionNeed> needs, ICollection<string> systemVersions)
    {
        var missing = new List<string>();
        foreach (var need in needs)
        {
            if (need.File == LibStdCxx.SharedObjectName && !need.IsWeak && !systemVersions.Contains(need.Name))
            {
                missing.Add(need.Name);
            }
        }

        return missing;
    }

    /// <summary>Builds the message for a libstdc++ that lacks <paramref name="missing"/>, naming the newest version it defines of the same family.</summary>
    internal static string DescribeMissingVersions(string libraryPath, IReadOnlyList<string> missing, string systemLibrary, ICollection<string> systemVersions)
    {
        string family = missing[0][..(missing[0].IndexOf('_', StringComparison.Ordinal) + 1)];
        string newest = LibStdCxx.Newest(systemVersions.Where(version => version.StartsWith(family, StringComparison.Ordinal))) ?? $"no {family} version";
        string required = string.Join(", ", missing);
        string message = $"libtorch cannot be loaded: {libraryPath} requires {required} from {LibStdCxx.SharedObjectName}, "
            + $"but the system libstdc++ ({systemLibrary}) provides versions only up to {newest}. ";
        bool onlyPatchable = missing.All(version => version == LibTorchSharpPatcher.DefaultVersion);
        return onlyPatchable
            ? message + $"Rebuild the project that references GateLang.Torch so that its build step marks {LibTorchSharpPatcher.DefaultVersion} weak in the output copy, "
                + "or install a libstdc++ that provides it (GCC 13.2 or newer)."
            : message + $"Install a libstdc++ that provides {required}.";
    }

    private static void CheckLibStdCxx(string libraryPath)
    {
        string? systemLibrary = LibStdCxx.Find();
        if (systemLibrary is null)
        {
            // NOTE: without a libstdc++ to inspect, the dynamic loader's own error below is the only report.
            return;
        }

        List<ElfVersionNeed> needs;
        List<string> systemVersions;
        try
        {
            needs = ElfFile.Load(libraryPath).ReadVersionNeeds();
            systemVersions = ElfFile.Load(systemLibrary).ReadVersionDefinitions();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable file leaves the dynamic loader's own error below as the report.
            return;
        }

        var missing = FindMissingVersions(needs, systemVersions);
        if (missing.Count > 0)
        {
            throw new TorchLoadException(TorchLoadFailure.LibStdCxxTooOld, DescribeMissingVersions(libraryPath, missing, systemLibrary, systemVersions));
        }
    }

    private static void LoadNativeLibrary(string libraryPath)
    {
        try
        {
            // Loading by full path first gives the loader's own error text. TorchSharp
            // then finds the same file through the application's native search directories.
            NativeLibrary.Load(libraryPath);
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception exception) when (exception is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException
            or NotSupportedException or TypeInitializationException)
        {
            string directory = Path.GetDirectoryName(libraryPath) ?? libraryPath;
            throw new TorchLoadException(
                TorchLoadFailure.LoadFailed,
                $"libtorch failed to load from {directory}: {SummarizeLoadError(exception).TrimEnd('.')}. "
                + "Rebuild the project that references GateLang.Torch to copy the native libraries again.",
                exception);
        }
    }

    /// <summary>Returns the line of a load error that names the cause.</summary>
    internal static string SummarizeLoadError(Exception exception)
    {
        if (exception is TypeInitializationException { InnerException: { } inner })
        {
            exception = inner;
        }

        string[] lines = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return exception.GetType().Name;
        }

        // .NET ends a DllNotFoundException message with the dynamic loader's own error
        // (dlerror on Linux), while TorchSharp starts its messages with a summary and appends a trace.
        return exception is DllNotFoundException ? lines[^1] : lines[0];
    }

    /// <summary>
    /// Lists the directories the runtime searches for native libraries: those from
    /// the application's deps.json (runtimes/&lt;rid&gt;/native for a build without a
    /// RuntimeIdentifier), then the application directory.
    /// </summary>
    private static List<string> NativeSearchDirectories()
    {
        var directories = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string configured)
        {
            foreach (var directory in configured.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                directories.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
            }
        }

        directories.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory)));
        return directories.Distinct().ToList();
    }

    private static string NativeFileName(string name) =>
        OperatingSystem.IsWindows() ? name + ".dll"
        : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib"
        : "lib" + name + ".so";
}
