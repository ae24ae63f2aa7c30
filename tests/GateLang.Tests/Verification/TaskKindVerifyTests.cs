using GateLang.Compilation;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Tests.TestSupport;
using GateLang.Verification;

namespace GateLang.Tests.Verification;

public class TaskKindVerifyTests
{
    [Theory]
    [InlineData("parity-s10.gate")]
    [InlineData("translate-s10.gate")]
    public void VerifyScoresTaskOutputs(string example)
    {
        var spec = SpecCompiler.Check(Path.Combine(RepositoryPaths.Root, "examples", example));
        Assert.False(spec.HasErrors, string.Join("\n", spec.Diagnostics));
        var network = NetworkCompiler.Compile(spec.Networks[0]);
        var options = new VerificationOptions { DelayMin = 100, DelayMax = 101 };

        var result = NetworkVerifier.Verify(network.Weights, network.Task, options, Precision.Float32);

        // Scored against the copy targets instead, about half of all trials would fail.
        Assert.True(result.Exhaustive);
        Assert.Equal(2048, result.Trials);
        Assert.Equal(0, result.FailedTrials);
        Assert.Null(result.Counterexample);
    }
}
