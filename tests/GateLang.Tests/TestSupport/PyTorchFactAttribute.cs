namespace GateLang.Tests.TestSupport;

/// <summary>
/// A fact that needs /usr/bin/python3 with torch and numpy. It is reported as skipped when the
/// environment variable GATELANG_SKIP_PYTORCH is "1"; otherwise it runs and fails when they are missing.
/// </summary>
/// <remarks>
/// xunit 2 reads <see cref="FactAttribute.Skip"/> at discovery, so setting it in the constructor
/// gives a real skipped result without a package for dynamic skips.
/// </remarks>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public const string SkipVariable = "GATELANG_SKIP_PYTORCH";

    public PyTorchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            Skip = $"{SkipVariable}=1 is set, so PyTorch interop tests do not run.";
        }
    }
}
