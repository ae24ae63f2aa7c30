using GateLang.Analysis;

namespace GateLang.Tests.Analysis;

/// <summary>
/// Expected results of the reset analysis on the compiled K = 2 network. Per docs/synthetic-k2.md,
/// memory neuron m_i (1-based i, mem[i − 1]) is erased at decoding step k = i, 0-based, so mem[j]
/// first resets at k = j + 1 and mem[S − 1] is not erased within the S decoding steps. Clock and
/// switch neurons have z = σ(−β) ≈ 0.047 and r = 1/2 at every step, so κ ≈ 0.476 &gt; ζ from k = 0.
/// </summary>
public class ResetAnalysisTests
{
    private const int Length = 6;

    private static readonly Lazy<(AnalysisSubject Subject, ResetResult Reset)> Result = new(() =>
    {
        var subject = SyntheticNetworks.Subject(Length);
        var recording = SyntheticNetworks.Record(subject, trials: 200);
        return (subject, ResetAnalysis.Analyze(recording));
    });

    [Fact]
    public void MemoryNeuronResetsOneStepAfterItsSymbol()
    {
        var (subject, reset) = Result.Value;

        for (var j = 0; j < Length - 1; j++)
        {
            Assert.Equal(j + 1, reset.FirstResetStep[SyntheticNetworks.Memory(subject, j)]);
        }
    }

    [Fact]
    public void LastMemoryNeuronNeverResets()
    {
        var (subject, reset) = Result.Value;

        var last = SyntheticNetworks.Memory(subject, Length - 1);

        Assert.Null(reset.FirstResetStep[last]);
        Assert.Equal([last], reset.NeverReset);
    }

    [Fact]
    public void ClockAndSwitchResetAtFirstDecodingStep()
    {
        var (subject, reset) = Result.Value;

        foreach (var kind in new[] { "clock", "switch" })
        {
            foreach (var neuron in SyntheticNetworks.Neurons(SyntheticNetworks.Block(subject, kind)))
            {
                Assert.Equal(0, reset.FirstResetStep[neuron]);
                Assert.InRange(reset.Kappa[0][neuron], 0.47, 0.48);
            }
        }
    }

    [Fact]
    public void StaircaseRecoversMemoryOrder()
    {
        var (subject, reset) = Result.Value;
        var memory = SyntheticNetworks.Neurons(SyntheticNetworks.Block(subject, "memory"));

        var memoryInStaircase = reset.StaircaseOrder.Where(memory.Contains).ToArray();

        Assert.Equal(memory, memoryInStaircase);
        Assert.Equal(Length, reset.DistinctSteps);
        Assert.Equal(Enumerable.Range(0, Length), reset.Stairs.Select(s => s.DecodingStep));
        Assert.Equal(Length + 2, reset.Stairs[0].Neurons.Count);
        Assert.All(reset.Stairs.Skip(1), stair => Assert.Single(stair.Neurons));
    }

    [Fact]
    public void HeldMemoryHasKappaNearZero()
    {
        var (subject, reset) = Result.Value;

        var first = SyntheticNetworks.Memory(subject, 0);

        Assert.True(reset.Kappa[0][first] < 1e-6, $"κ of mem[0] at k = 0 is {reset.Kappa[0][first]}");
        Assert.InRange(reset.Kappa[1][first], 0.49, 0.5);
    }

    [Fact]
    public void ThresholdAboveKappaFindsNoReset()
    {
        var subject = SyntheticNetworks.Subject(3);
        var recording = SyntheticNetworks.Record(subject, trials: 20);

        var reset = ResetAnalysis.Analyze(recording, new ResetOptions(Threshold: 0.9));

        Assert.Empty(reset.Stairs);
        Assert.Equal(subject.Weights.HiddenSize, reset.NeverReset.Count);
    }
}
