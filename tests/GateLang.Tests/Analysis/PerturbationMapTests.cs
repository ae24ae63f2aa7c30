using GateLang.Analysis;

namespace GateLang.Tests.Analysis;

/// <summary>
/// Expected results of the perturbation map on the compiled K = 2 network: the symbol at encoding
/// step q is stored only in mem[q], as ±tanh(3^−(q+1)) (+ for A = 0, − for B = 1), and writing that
/// value into mem[q] at t = S changes decoding step q and nothing else.
/// </summary>
public class PerturbationMapTests
{
    private const int Length = 6;

    private static readonly PerturbationOptions FastOptions = new() { Iterations = 20, TestTrials = 20, Seed = 3 };

    private static readonly Lazy<(AnalysisSubject Subject, PerturbationMapResult Map)> Result = new(() =>
    {
        var subject = SyntheticNetworks.Subject(Length);
        return (subject, PerturbationMap.Run(subject.Weights, subject.Task, FastOptions));
    });

    [Fact]
    public void EachPairUsesItsOneMemoryNeuron()
    {
        var (subject, map) = Result.Value;

        foreach (var entry in map.Entries)
        {
            var recorded = Assert.Single(entry.Recorded);
            Assert.Equal(SyntheticNetworks.Memory(subject, entry.Step), recorded.Neuron);
            Assert.Equal([SyntheticNetworks.Memory(subject, entry.Step)], entry.UsedNeurons);
            Assert.Equal(1, entry.NeuronsUsed);
        }
    }

    [Fact]
    public void EveryPerturbationSucceeds()
    {
        var (_, map) = Result.Value;

        foreach (var entry in map.Entries)
        {
            Assert.Equal(PerturbationOutcome.AllSucceeded, entry.Outcome);
            Assert.Equal(1.0, entry.SuccessRate);
            Assert.Equal([new PerturbationAttempt(1, FastOptions.TestTrials)], entry.Attempts);
        }
    }

    [Fact]
    public void NeuronRecordedInEveryIteration()
    {
        var (_, map) = Result.Value;

        Assert.All(map.Entries, entry => Assert.Equal(1.0, entry.Recorded[0].Frequency));
    }

    [Fact]
    public void ExpectedValueIsStoredSymbol()
    {
        var (_, map) = Result.Value;

        foreach (var entry in map.Entries)
        {
            var sign = entry.Symbol == 0 ? 1 : -1;
            var expected = sign * Math.Tanh(Math.Pow(3, -(entry.Step + 1)));
            Assert.Equal(expected, entry.Recorded[0].ExpectedValue, 1e-6);
        }
    }

    [Fact]
    public void PaperThresholdMissesSmallValues()
    {
        // With the 1e-3 threshold a pair is found only while 2·tanh(3^−(q+1)) > 1e-3, that is q ≤ 5;
        // mem[6] and mem[7] store about ±4.6e-4 and ±1.5e-4.
        var subject = SyntheticNetworks.Subject(8);

        var map = PerturbationMap.Run(subject.Weights, subject.Task, FastOptions with { Iterations = 5, TestTrials = 5 });

        Assert.All(map.Entries.Where(e => e.Step <= 5), e => Assert.Equal(PerturbationOutcome.AllSucceeded, e.Outcome));
        Assert.All(map.Entries.Where(e => e.Step > 5), e => Assert.Equal(PerturbationOutcome.NoNeuronRecorded, e.Outcome));
    }

    [Fact]
    public void LowThresholdFindsAllOfLengthTen()
    {
        var subject = SyntheticNetworks.Subject(10);

        var map = PerturbationMap.Run(subject.Weights, subject.Task, FastOptions with { Iterations = 5, TestTrials = 5, DifferenceThreshold = 1e-6 });

        foreach (var entry in map.Entries)
        {
            Assert.Equal([SyntheticNetworks.Memory(subject, entry.Step)], entry.UsedNeurons);
            Assert.Equal(1.0, entry.SuccessRate);
        }
    }

    [Fact]
    public void ResultIndependentOfThreadCount()
    {
        var subject = SyntheticNetworks.Subject(4);
        var options = FastOptions with { Iterations = 10, TestTrials = 10 };

        var serial = PerturbationMap.Run(subject.Weights, subject.Task, options with { MaxDegreeOfParallelism = 1 });
        var parallel = PerturbationMap.Run(subject.Weights, subject.Task, options with { MaxDegreeOfParallelism = 2 });

        for (var i = 0; i < serial.Entries.Count; i++)
        {
            Assert.Equal(serial.Entries[i].Recorded, parallel.Entries[i].Recorded);
            Assert.Equal(serial.Entries[i].Attempts, parallel.Entries[i].Attempts);
        }
    }

    [Fact]
    public void HighThresholdRecordsNoNeuron()
    {
        var subject = SyntheticNetworks.Subject(4);

        var map = PerturbationMap.Run(subject.Weights, subject.Task, FastOptions with { DifferenceThreshold = 10 });

        Assert.All(map.Entries, e => Assert.Equal(PerturbationOutcome.NoNeuronRecorded, e.Outcome));
        Assert.All(map.Entries, e => Assert.Equal(0, e.SuccessRate));
        Assert.All(map.Entries, e => Assert.Empty(e.UsedNeurons));
    }
}
