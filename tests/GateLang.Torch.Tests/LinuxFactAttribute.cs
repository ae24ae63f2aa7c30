namespace GateLang.Torch.Tests;

/// <summary>A fact that runs only on Linux, where libLibTorchSharp.so and its ELF patch exist.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: the test reads ELF files and the Linux TorchSharp native library.";
        }
    }
}

/// <summary>A theory that runs only on Linux.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux: the test reads ELF files and the Linux TorchSharp native library.";
        }
    }
}
