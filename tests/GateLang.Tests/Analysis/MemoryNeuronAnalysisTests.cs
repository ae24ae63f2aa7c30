using GateLang.Analysis;

namespace GateLang.Tests.Analysis;

public class MemoryNeuronAnalysisTests
{
    [Fact]
    public void MemoryBlockIsExactlyMemory()
    {
        var subject = SyntheticNetworks.Subject(10);
        var recording = SyntheticNetworks.Record(subject, trials: 200);

        var result = MemoryNeuronAnalysis.Analyze(recording);

        Assert.Equal(SyntheticNetworks.Neurons(SyntheticNetworks.Block(subject, "memory")), result.MemoryNeurons);
    }

    [Fact]
    public void ClockAndSwitchAreNotMemory()
    {
        var subject = SyntheticNetworks.Subject(6);
        var recording = SyntheticNetworks.Record(subject, trials: 100);

        var result = MemoryNeuronAnalysis.Analyze(recording);

        foreach (var kind in new[] { "clock", "switch" })
        {
            foreach (var neuron in SyntheticNetworks.Neurons(SyntheticNetworks.Block(subject, kind)))
            {
                var stats = result.Neurons[neuron];
                Assert.False(stats.IsMemory, $"{subject.Weights.HiddenLabels[neuron]} was classified as memory");
                Assert.True(stats.MeanUpdateGate < 0.1, $"{subject.Weights.HiddenLabels[neuron]} has mean z {stats.MeanUpdateGate}");
            }
        }
    }

    [Fact]
    public void MemoryStdMatchesStoredValue()
    {
        // mem[j] stores ±tanh(3^−(j+1)) with equal chance, so its std across trials is about that value.
        var subject = SyntheticNetworks.Subject(4);
        var recording = SyntheticNetworks.Record(subject, trials: 400);

        var result = MemoryNeuronAnalysis.Analyze(recording);

        for (var j = 0; j < 4; j++)
        {
            var expected = Math.Tanh(Math.Pow(3, -(j + 1)));
            Assert.InRange(result.Neurons[SyntheticNetworks.Memory(subject, j)].StdAtDelayStart, 0.95 * expected, 1.05 * expected);
        }
    }

    [Fact]
    public void StdThresholdAboveValueDropsNeuron()
    {
        var subject = SyntheticNetworks.Subject(4);
        var recording = SyntheticNetworks.Record(subject, trials: 100);

        var result = MemoryNeuronAnalysis.Analyze(recording, new MemoryNeuronOptions(MinStd: 0.05));

        // Only mem[0] (≈ 0.32) and mem[1] (≈ 0.11) store more than 0.05.
        Assert.Equal([SyntheticNetworks.Memory(subject, 0), SyntheticNetworks.Memory(subject, 1)], result.MemoryNeurons);
    }

    [Fact]
    public void UnitDelayLeavesGateUnmeasured()
    {
        var subject = SyntheticNetworks.Subject(3, delayMin: 1, delayMax: 1);
        var recording = SyntheticNetworks.Record(subject, trials: 20);

        var result = MemoryNeuronAnalysis.Analyze(recording);

        Assert.All(result.Neurons, n => Assert.Null(n.MeanUpdateGate));
        Assert.Empty(result.MemoryNeurons);
    }
}
