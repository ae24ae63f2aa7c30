using System.Diagnostics;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Interop;

/// <summary>Runs tests/interop scripts with /usr/bin/python3 and checks that torch and numpy import.</summary>
internal static class PythonRunner
{
    public const string Python = "/usr/bin/python3";

    public const string InstallHint =
        "Install them with: apt-get install python3-torch python3-numpy "
        + $"(or set {PyTorchFactAttribute.SkipVariable}=1 to skip the PyTorch interop tests).";

    private static readonly Lazy<string?> TorchProblem = new(FindTorchProblem);

    public static string CheckScript { get; } = Path.Combine(RepositoryPaths.Root, "tests", "interop", "check_torch.py");

    /// <summary>Fails the test with install instructions when python3, torch or numpy is missing.</summary>
    public static void RequireTorch()
    {
        if (TorchProblem.Value is { } problem)
        {
            Assert.Fail($"{problem} {InstallHint}");
        }
    }

    /// <summary>Runs python3 with <paramref name="arguments"/>, killing it after <paramref name="timeout"/>.</summary>
    public static ProcessResult Run(TimeSpan timeout, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"{Python} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{Python} {string.Join(' ', arguments)} timed out after {timeout.TotalSeconds} s. Output so far:\n{output.Result}\n{error.Result}");
        }

        return new ProcessResult(process.ExitCode, output.Result, error.Result);
    }

    private static string? FindTorchProblem()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} was not found, and the PyTorch interop tests need it with torch and numpy.";
        }

        var result = Run(TimeSpan.FromSeconds(60), "-c", "import torch, numpy");
        if (result.ExitCode == 0)
        {
            return null;
        }

        var lastErrorLine = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return $"{Python} cannot import torch and numpy (exit code {result.ExitCode}: {lastErrorLine}).";
    }
}

/// <summary>The exit code and captured output of a finished process.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
