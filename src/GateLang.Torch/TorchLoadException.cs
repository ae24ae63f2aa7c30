namespace GateLang.Torch;

/// <summary>The reason libtorch could not be loaded.</summary>
public enum TorchLoadFailure
{
    /// <summary>The TorchSharp or libtorch native libraries are not in the application's native search directories.</summary>
    NativeLibraryMissing,

    /// <summary>The system libstdc++ lacks a version that libLibTorchSharp.so requires.</summary>
    LibStdCxxTooOld,

    /// <summary>The dynamic loader or TorchSharp's initialisation reported another error.</summary>
    LoadFailed,
}

/// <summary>
/// Thrown by <see cref="TorchRuntime.EnsureLoaded"/> when libtorch cannot be used.
/// The message is written for the end user and says what to do next.
/// </summary>
public sealed class TorchLoadException : Exception
{
    public TorchLoadException(TorchLoadFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public TorchLoadFailure Failure { get; }
}
