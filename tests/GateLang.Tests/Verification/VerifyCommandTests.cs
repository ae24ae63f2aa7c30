using System.Text.Json;
using GateLang.Cli;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Verification;

public class VerifyCommandTests
{
    private const string CorrectSpec = """
        task copy4 { kind = vdcm  K = 2  S = 4  T = 5..12  seed = 1 }
        network binary4 for copy4 {
            alpha = 10  beta = 3
            memory mem { size = S  ratio = 3 }
            clock clk { size = S + 1 }
            switch sw { }
            readout = mem, clk, sw
        }
        """;

    [Fact]
    public void CorrectNetworkExitsWithZero()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("copy4.gate");
        File.WriteAllText(path, CorrectSpec);

        var (exitCode, output, error) = Run("verify", path);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error);
        Assert.Contains("all 16 sequences (2^4) at 8 delays: 128 trials", output);
        Assert.Contains("verified: every trial is exact in float32 and float64 (compute time", output);
    }

    [Fact]
    public void BrokenNetworkPrintsCounterexample()
    {
        var path = Path.Combine(RepositoryPaths.Root, "examples", "vdcm-binary-s10-literal.gate");

        var (exitCode, output, _) = Run("verify", path, "--precision", "f64");

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Contains("float64: counterexample (shortest delay, then lexicographically smallest sequence, then first wrong step): symbols 0000000001, delay 100, step 119: expected class 1, output 0", output);
        Assert.Contains("failed: 20,496 of 21,504 trials in float64 have a wrong step", output);
    }

    [Fact]
    public void JsonReportsCounterexample()
    {
        var path = Path.Combine(RepositoryPaths.Root, "examples", "vdcm-binary-s10-literal.gate");

        var (exitCode, output, _) = Run("verify", path, "--precision", "f32", "--delay", "100..101", "--json");

        Assert.Equal(ExitCodes.UserError, exitCode);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.False(root.GetProperty("verified").GetBoolean());
        var result = Assert.Single(root.GetProperty("results").EnumerateArray());
        Assert.Equal(2048, result.GetProperty("trials").GetInt64());
        var counterexample = result.GetProperty("counterexample");
        Assert.Equal(100, counterexample.GetProperty("delay").GetInt32());
        Assert.Equal(119, counterexample.GetProperty("step").GetInt32());
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], counterexample.GetProperty("symbols").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void LimitSwitchesToSamples()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("copy4.gate");
        File.WriteAllText(path, CorrectSpec);

        var (exitCode, output, _) = Run("verify", path, "--limit", "10", "--samples", "5", "--seed", "2", "--precision", "f32");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("5 random sequences of 16 (2^4) at 8 delays: 40 trials", output);
    }

    [Theory]
    [InlineData("--precision", "f16", "--precision 'f16' is not valid; use f32, f64 or both.")]
    [InlineData("--samples", "0", "--samples must be at least 1, got 0.")]
    [InlineData("--limit", "0", "--limit must be at least 1, got 0.")]
    [InlineData("--delay", "9..3", "--delay 9..3 is not valid")]
    public void InvalidOptionExitsWithOne(string option, string value, string message)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("copy4.gate");
        File.WriteAllText(path, CorrectSpec);

        var (exitCode, _, error) = Run("verify", path, option, value);

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Contains(message, error);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = GateLangApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
