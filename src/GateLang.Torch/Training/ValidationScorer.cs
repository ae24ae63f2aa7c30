using GateLang.Ir;
using GateLang.Simulation;
using GateLang.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace GateLang.Torch.Training;

/// <summary>
/// Scores a TorchSharp network on a set of trials with the definitions of GateLang's
/// <see cref="Evaluator"/>, batched on tensors, so that training reports the numbers
/// <c>gatelang eval</c> prints for the exported weights.
/// </summary>
/// <remarks>
/// As in the evaluator: every step of every trial counts; a step is right when the arg-max
/// class (the lowest index on a tie, as <c>torch.argmax</c>) is the target; a trial is exact
/// when all its steps are right; the cross-entropy is the mean over steps in nats, with the
/// logits widened to float64 first; the margin is the target logit minus the best other
/// logit; the memoryless baseline is S ln K per trial divided by the steps. Only the hidden
/// states differ from the C# simulator's, by rounding (libtorch's GRU kernel orders the
/// arithmetic differently).
/// </remarks>
public static class ValidationScorer
{
    /// <summary>Trials run through the network at once; fixed so that scores do not depend on the training batch size.</summary>
    public const int ChunkSize = 250;

    public static EvaluationResult Score(RecurrentNetwork network, TaskDefinition task, IReadOnlyList<Trial> trials)
    {
        if (trials.Count == 0)
        {
            throw new ArgumentException("At least one trial is needed to score a network.", nameof(trials));
        }

        var totals = new ScoreTotals(task.Length);
        using var noGrad = no_grad();
        for (var start = 0; start < trials.Count; start += ChunkSize)
        {
            var chunk = trials.Skip(start).Take(ChunkSize).ToList();
            using var scope = NewDisposeScope();
            using var batch = TrialBatch.Create(chunk, task, network.Dtype);
            var logits = network.call(batch.Inputs);
            ScoreChunk(logits, batch, task, start, totals);
        }

        double memorylessSum = 0;
        foreach (var trial in trials)
        {
            memorylessSum += VdcmLayout.MemorylessCrossEntropy(task, trial.Delay) * VdcmLayout.TrialLength(trial);
        }

        var decodingAccuracy = new double[task.Length];
        for (var k = 0; k < task.Length; k++)
        {
            decodingAccuracy[k] = (double)totals.DecodingCorrect[k] / trials.Count;
        }

        return new EvaluationResult(
            network.Dtype == ScalarType.Float64 ? Precision.Float64 : Precision.Float32,
            trials.Count,
            totals.Steps,
            (double)totals.CorrectSteps / totals.Steps,
            (double)totals.ExactTrials / trials.Count,
            decodingAccuracy,
            totals.MinMargin,
            totals.MinMarginAt!,
            totals.CrossEntropySum / totals.Steps,
            memorylessSum / totals.Steps,
            totals.FirstFailure);
    }

    private static void ScoreChunk(Tensor logits, TrialBatch batch, TaskDefinition task, int firstTrialIndex, ScoreTotals totals)
    {
        var targets = batch.Targets;
        var valid = targets.ne(TrialBatch.IgnoreIndex);
        var safeTargets = targets.clamp_min(0).unsqueeze(2);
        var wide = logits.to(ScalarType.Float64);

        var crossEntropy = wide.log_softmax(2).gather(2, safeTargets).squeeze(2).neg();
        totals.CrossEntropySum += crossEntropy.masked_fill(valid.logical_not(), 0.0).sum().ToDouble();

        var correct = logits.argmax(2).eq(targets);
        var wrong = valid.logical_and(correct.logical_not());
        totals.Steps += batch.Steps;
        totals.CorrectSteps += correct.sum().ToInt64();
        totals.ExactTrials += wrong.any(1).logical_not().sum().ToInt64();

        var targetLogit = wide.gather(2, safeTargets).squeeze(2);
        var isTarget = nn.functional.one_hot(safeTargets.squeeze(2), wide.shape[2]).to(ScalarType.Bool);
        var bestOther = wide.masked_fill(isTarget, double.NegativeInfinity).amax([2]);
        var margin = targetLogit.sub(bestOther).masked_fill(valid.logical_not(), double.PositiveInfinity);
        var minIndex = margin.flatten().argmin().ToInt64();
        var minMargin = margin.flatten()[minIndex].ToDouble();
        // A NaN margin (non-finite logits) is recorded only when nothing else is, so the result always names a step.
        if (minMargin < totals.MinMargin || (double.IsNaN(minMargin) && totals.MinMarginAt is null))
        {
            totals.MinMargin = minMargin;
            totals.MinMarginAt = Reference(batch, firstTrialIndex, minIndex);
        }

        if (totals.FirstFailure is null && wrong.any().ToBoolean())
        {
            // argmax returns the first maximum, which is the first wrong step in trial-then-step order.
            var firstWrong = wrong.flatten().to(ScalarType.Int32).argmax().ToInt64();
            var at = Reference(batch, firstTrialIndex, firstWrong);
            var expected = VdcmLayout.TargetAt(at.Trial, task.Symbols, at.Step);
            var output = (int)logits[(long)(at.TrialIndex - firstTrialIndex), at.Step].argmax().ToInt64();
            totals.FirstFailure = new StepFailure(at, expected, output);
        }

        CountDecodingSteps(correct, batch, task, totals);
    }

    private static void CountDecodingSteps(Tensor correct, TrialBatch batch, TaskDefinition task, ScoreTotals totals)
    {
        var s = task.Length;
        var indices = new long[batch.Trials.Count * s];
        for (var b = 0; b < batch.Trials.Count; b++)
        {
            var decodingStart = VdcmLayout.FirstDecodingStep(batch.Trials[b]);
            for (var k = 0; k < s; k++)
            {
                indices[b * s + k] = decodingStart + k;
            }
        }

        var decodingCorrect = correct.gather(1, tensor(indices, [batch.Trials.Count, s])).to(ScalarType.Int64).sum(dim: 0L, keepdim: false);
        var counts = decodingCorrect.data<long>().ToArray();
        for (var k = 0; k < s; k++)
        {
            totals.DecodingCorrect[k] += counts[k];
        }
    }

    private static StepReference Reference(TrialBatch batch, int firstTrialIndex, long flatIndex)
    {
        var b = (int)(flatIndex / batch.Length);
        var t = (int)(flatIndex % batch.Length);
        return new StepReference(firstTrialIndex + b, batch.Trials[b], t);
    }

    private sealed class ScoreTotals(int length)
    {
        public long Steps { get; set; }

        public long CorrectSteps { get; set; }

        public long ExactTrials { get; set; }

        public double CrossEntropySum { get; set; }

        public double MinMargin { get; set; } = double.PositiveInfinity;

        public StepReference? MinMarginAt { get; set; }

        public StepFailure? FirstFailure { get; set; }

        public long[] DecodingCorrect { get; } = new long[length];
    }
}
