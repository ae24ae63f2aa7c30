using System.Numerics;
using GateLang.Compilation;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Tests.Lowering;
using GateLang.Verification;

namespace GateLang.Tests.Verification;

public class NetworkVerifierTests
{
    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void CorrectNetworkHasNoCounterexample(Precision precision)
    {
        var network = BinaryCopyLoweringTests.CompileBinary(4, delay: "5..12");

        var result = NetworkVerifier.Verify(network.Weights, network.Task, new VerificationOptions(), precision);

        Assert.True(result.Exhaustive);
        Assert.Equal(16, result.Sequences);
        Assert.Equal(16 * 8, result.Trials);
        Assert.Equal(16 * Enumerable.Range(5, 8).Sum(delay => 8 + delay), result.Steps);
        Assert.Equal(0, result.FailedTrials);
        Assert.True(result.AllExact);
        Assert.Null(result.Counterexample);
        Assert.True(result.MinMargin > 0, $"minimum margin {result.MinMargin}");
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void CorrectNetworkMarginMatchesBruteForce(Precision precision)
    {
        var network = BinaryCopyLoweringTests.CompileBinary(4, delay: "5..12");

        var result = NetworkVerifier.Verify(network.Weights, network.Task, new VerificationOptions(), precision);
        var expected = precision == Precision.Float32 ? BruteForce<float>(network, 5, 12) : BruteForce<double>(network, 5, 12);

        Assert.Equal(expected.MinMargin, result.MinMargin);
        Assert.Equal(expected.MinMarginAt, Describe(result.MinMarginAt!));
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void BrokenNetworkGivesSmallestCounterexample(Precision precision)
    {
        // Erase gain 1 leaves part of each erased value behind, which breaks the network from S = 7 on.
        var network = BinaryCopyLoweringTests.CompileBinary(7, eraseGain: 1, delay: "20..26");

        var result = NetworkVerifier.Verify(network.Weights, network.Task, new VerificationOptions(), precision);
        var expected = precision == Precision.Float32 ? BruteForce<float>(network, 20, 26) : BruteForce<double>(network, 20, 26);

        Assert.False(result.AllExact);
        Assert.Equal(expected.FailedTrials, result.FailedTrials);
        var counterexample = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.Equal(expected.Counterexample, Describe(counterexample.At));
        Assert.Equal(expected.Expected, counterexample.Expected);
        Assert.Equal(expected.Output, counterexample.Output);
        Assert.Equal(expected.MinMargin, result.MinMargin);
        Assert.Equal(expected.MinMarginAt, Describe(result.MinMarginAt!));
    }

    [Fact]
    public void ThreadCountDoesNotChangeResult()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(8, eraseGain: 1, delay: "10..14");

        var one = NetworkVerifier.Verify(network.Weights, network.Task, new VerificationOptions { Threads = 1 }, Precision.Float32);
        var two = NetworkVerifier.Verify(network.Weights, network.Task, new VerificationOptions { Threads = 2 }, Precision.Float32);

        Assert.Equal(one.FailedTrials, two.FailedTrials);
        Assert.Equal(Describe(one.Counterexample!.At), Describe(two.Counterexample!.At));
        Assert.Equal(one.MinMargin, two.MinMargin);
        Assert.Equal(Describe(one.MinMarginAt!), Describe(two.MinMarginAt!));
    }

    [Fact]
    public void SamplingIsUsedAboveLimit()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(10, delay: "100..102");
        var options = new VerificationOptions { Limit = 1000, Samples = 50, Seed = 3 };

        var first = NetworkVerifier.Verify(network.Weights, network.Task, options, Precision.Float64);
        var second = NetworkVerifier.Verify(network.Weights, network.Task, options, Precision.Float64);

        Assert.False(first.Exhaustive);
        Assert.Equal(50, first.Sequences);
        Assert.Equal(150, first.Trials);
        Assert.True(first.AllExact);
        Assert.Equal(first.MinMargin, second.MinMargin);
        Assert.Equal(Describe(first.MinMarginAt!), Describe(second.MinMarginAt!));
    }

    [Fact]
    public void DelayOptionsOverrideTaskRange()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(3, delay: "5..9");

        var result = NetworkVerifier.Verify(network.Weights, network.Task, new VerificationOptions { DelayMin = 2, DelayMax = 3 }, Precision.Float64);

        Assert.Equal(2, result.DelayMin);
        Assert.Equal(3, result.DelayMax);
        Assert.Equal(8 * 2, result.Trials);
    }

    [Theory]
    [InlineData(2, 10, 1024)]
    [InlineData(3, 4, 81)]
    [InlineData(2, 62, (long.MaxValue / 2) + 1)]
    [InlineData(2, 63, long.MaxValue)]
    [InlineData(4096, 100, long.MaxValue)]
    public void CountSequencesSaturates(int symbols, int length, long expected)
    {
        Assert.Equal(expected, NetworkVerifier.CountSequences(symbols, length));
    }

    private static string Describe(TrialStep step) =>
        $"{string.Concat(step.Symbols)} delay {step.Delay} step {step.Step}";

    private sealed record BruteForceResult(long FailedTrials, string? Counterexample, int Expected, int Output, double MinMargin, string MinMarginAt);

    /// <summary>
    /// Runs every trial one at a time through the reference simulator, in the order of the
    /// counterexample (delay, then sequence, then step), and keeps the first failure and the first minimum margin.
    /// </summary>
    private static BruteForceResult BruteForce<T>(CompiledNetwork network, int delayMin, int delayMax)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var task = network.Task;
        var simulator = new GruSimulator<T>(network.Weights);
        var state = new T[simulator.HiddenSize];
        var scratch = new T[6 * simulator.HiddenSize];
        var logits = new T[simulator.OutputSize];
        var sequences = 1 << task.Length;
        long failed = 0;
        string? counterexample = null;
        var expectedClass = -1;
        var outputClass = -1;
        var minMargin = double.PositiveInfinity;
        var minMarginAt = "";
        for (var delay = delayMin; delay <= delayMax; delay++)
        {
            for (var index = 0; index < sequences; index++)
            {
                var symbols = Enumerable.Range(0, task.Length).Select(i => (index >> (task.Length - 1 - i)) & 1).ToArray();
                var trial = new Trial(symbols, delay);
                var trialFailed = false;
                simulator.CopyInitialState(state);
                for (var t = 0; t < VdcmLayout.TrialLength(trial); t++)
                {
                    simulator.Step(state, VdcmLayout.InputAt(trial, task.Symbols, t), scratch);
                    simulator.Readout(state, logits);
                    var target = VdcmLayout.TargetAt(trial, task.Symbols, t);
                    var (output, margin) = Evaluator.ScoreOutput<T>(logits, target);
                    if (margin < minMargin)
                    {
                        minMargin = margin;
                        minMarginAt = $"{string.Concat(symbols)} delay {delay} step {t}";
                    }

                    if (output != target && !trialFailed)
                    {
                        trialFailed = true;
                        if (counterexample is null)
                        {
                            counterexample = $"{string.Concat(symbols)} delay {delay} step {t}";
                            expectedClass = target;
                            outputClass = output;
                        }
                    }
                }

                if (trialFailed)
                {
                    failed++;
                }
            }
        }

        return new BruteForceResult(failed, counterexample, expectedClass, outputClass, minMargin, minMarginAt);
    }
}
