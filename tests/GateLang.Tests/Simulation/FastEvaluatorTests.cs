using GateLang.Compilation;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Tests.Lowering;

namespace GateLang.Tests.Simulation;

public class FastEvaluatorTests
{
    public static TheoryData<int, int, int> ChunkShapes() => new()
    {
        { 0, Evaluator.DefaultChunkTrials, Evaluator.DefaultChunkSteps },
        { 1, Evaluator.DefaultChunkTrials, Evaluator.DefaultChunkSteps },
        { 2, 7, Evaluator.DefaultChunkSteps },
        { 2, 1000, 500 },
        { 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(ChunkShapes))]
    public void CompiledNetworkScoresMatchReference(int threads, int chunkTrials, int chunkSteps)
    {
        var network = BinaryCopyLoweringTests.CompileBinary(10);

        foreach (var precision in new[] { Precision.Float32, Precision.Float64 })
        {
            var expected = ReferenceEvaluator.Evaluate(network.Weights, network.Task, Trials(network.Task, 150), precision);
            var actual = Evaluator.Evaluate(network.Weights, network.Task, Trials(network.Task, 150), precision, threads, chunkTrials, chunkSteps);

            AssertIdentical(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(ChunkShapes))]
    public void FailingNetworkScoresMatchReference(int threads, int chunkTrials, int chunkSteps)
    {
        // Erase gain 1 fails from S = 7 on, so first failures and negative margins are compared too.
        var network = BinaryCopyLoweringTests.CompileBinary(8, eraseGain: 1, delay: "5..30");

        foreach (var precision in new[] { Precision.Float32, Precision.Float64 })
        {
            var expected = ReferenceEvaluator.Evaluate(network.Weights, network.Task, Trials(network.Task, 200), precision);
            var actual = Evaluator.Evaluate(network.Weights, network.Task, Trials(network.Task, 200), precision, threads, chunkTrials, chunkSteps);

            Assert.NotNull(expected.FirstFailure);
            AssertIdentical(expected, actual);
        }
    }

    [Theory]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Float64)]
    public void RandomNetworkScoresMatchReference(Precision precision)
    {
        var task = new TaskDefinition("copy", TaskKind.Vdcm, 3, 4, 2, 9, 1, Diagnostics.SourceLocation.None);
        var weights = FastTestNetworks.Dense(task.InputSize, 24, task.OutputSize, seed: 31, scale: 3);

        var expected = ReferenceEvaluator.Evaluate(weights, task, Trials(task, 300), precision);
        var actual = Evaluator.Evaluate(weights, task, Trials(task, 300), precision, threads: 2, chunkTrials: 64, chunkSteps: Evaluator.DefaultChunkSteps);

        AssertIdentical(expected, actual);
    }

    [Fact]
    public void EvaluateRejectsEmptyTrials()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(2);

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(network.Weights, network.Task, [], Precision.Float64));

        Assert.Contains("At least one trial", error.Message);
    }

    [Fact]
    public void EvaluateRejectsSymbolOutsideAlphabet()
    {
        var network = BinaryCopyLoweringTests.CompileBinary(2);
        Trial[] trials = [new([0, 1], 3), new([0, 2], 3)];

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(network.Weights, network.Task, trials, Precision.Float64));

        Assert.Contains("Trial 1 has symbol 2", error.Message);
    }

    private static IEnumerable<Trial> Trials(TaskDefinition task, int count) => new TrialGenerator(task, seed: 17).Take(count);

    private static void AssertIdentical(EvaluationResult expected, EvaluationResult actual)
    {
        Assert.Equal(expected.Precision, actual.Precision);
        Assert.Equal(expected.Trials, actual.Trials);
        Assert.Equal(expected.Steps, actual.Steps);
        AssertSameBits(expected.PerStepAccuracy, actual.PerStepAccuracy, "per-step accuracy");
        AssertSameBits(expected.ExactSequenceAccuracy, actual.ExactSequenceAccuracy, "exact-sequence accuracy");
        Assert.Equal(expected.DecodingStepAccuracy, actual.DecodingStepAccuracy);
        AssertSameBits(expected.MinMargin, actual.MinMargin, "minimum margin");
        Assert.Equal(expected.MinMarginAt.TrialIndex, actual.MinMarginAt.TrialIndex);
        Assert.Equal(expected.MinMarginAt.Step, actual.MinMarginAt.Step);
        Assert.Equal(expected.MinMarginAt.Trial.Symbols, actual.MinMarginAt.Trial.Symbols);
        Assert.Equal(expected.MinMarginAt.Trial.Delay, actual.MinMarginAt.Trial.Delay);
        AssertSameBits(expected.CrossEntropy, actual.CrossEntropy, "cross-entropy");
        AssertSameBits(expected.MemorylessCrossEntropy, actual.MemorylessCrossEntropy, "memoryless cross-entropy");
        Assert.Equal(expected.FirstFailure is null, actual.FirstFailure is null);
        if (expected.FirstFailure is { } failure)
        {
            Assert.Equal(failure.At.TrialIndex, actual.FirstFailure!.At.TrialIndex);
            Assert.Equal(failure.At.Step, actual.FirstFailure.At.Step);
            Assert.Equal(failure.Expected, actual.FirstFailure.Expected);
            Assert.Equal(failure.Output, actual.FirstFailure.Output);
            Assert.Equal(failure.At.Trial.Symbols, actual.FirstFailure.At.Trial.Symbols);
        }
    }

    private static void AssertSameBits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: reference {expected:R}, batched {actual:R}");
}
