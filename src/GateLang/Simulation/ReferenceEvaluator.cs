using System.Numerics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Simulation;

/// <summary>
/// The definition of <see cref="Evaluator"/>'s scores: one trial at a time through
/// <see cref="GruSimulator{T}"/>, every step scored in order. Tests compare the batched
/// evaluator with it.
/// </summary>
internal static class ReferenceEvaluator
{
    public static EvaluationResult Evaluate(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision) =>
        precision == Precision.Float32
            ? Evaluate<float>(weights, task, trials, precision)
            : Evaluate<double>(weights, task, trials, precision);

    public static EvaluationResult Evaluate<T>(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var simulator = new GruSimulator<T>(weights);
        var d = weights.HiddenSize;
        var classes = weights.OutputSize;
        var state = new T[d];
        var scratch = new T[6 * d];
        var logits = new T[classes];

        var trialCount = 0;
        long steps = 0;
        long correctSteps = 0;
        var exactTrials = 0;
        var decodingCorrect = new long[task.Length];
        var decodingTotal = new long[task.Length];
        var minMargin = double.PositiveInfinity;
        StepReference? minMarginAt = null;
        StepFailure? firstFailure = null;
        double crossEntropySum = 0;
        double memorylessSum = 0;

        foreach (var trial in trials)
        {
            var length = VdcmLayout.TrialLength(trial);
            var decodingStart = VdcmLayout.FirstDecodingStep(trial);
            var exact = true;
            simulator.CopyInitialState(state);

            for (var t = 0; t < length; t++)
            {
                var input = VdcmLayout.InputAt(trial, task.Symbols, t);
                var target = VdcmLayout.TargetAt(trial, task.Symbols, t);
                simulator.Step(state, input, scratch);
                simulator.Readout(state, logits);

                var score = Evaluator.ScoreStep<T>(logits, target);
                crossEntropySum += score.CrossEntropy;
                var correct = score.Output == target;
                if (correct)
                {
                    correctSteps++;
                }
                else
                {
                    exact = false;
                    firstFailure ??= new StepFailure(new StepReference(trialCount, trial, t), target, score.Output);
                }

                if (score.Margin < minMargin)
                {
                    minMargin = score.Margin;
                    minMarginAt = new StepReference(trialCount, trial, t);
                }

                if (t >= decodingStart)
                {
                    decodingTotal[t - decodingStart]++;
                    if (correct)
                    {
                        decodingCorrect[t - decodingStart]++;
                    }
                }
            }

            steps += length;
            memorylessSum += VdcmLayout.MemorylessCrossEntropy(task, trial.Delay) * length;
            if (exact)
            {
                exactTrials++;
            }

            trialCount++;
        }

        if (trialCount == 0)
        {
            throw new ArgumentException("At least one trial is needed to evaluate a network.", nameof(trials));
        }

        var decodingAccuracy = new double[task.Length];
        for (var k = 0; k < task.Length; k++)
        {
            decodingAccuracy[k] = decodingTotal[k] == 0 ? double.NaN : (double)decodingCorrect[k] / decodingTotal[k];
        }

        return new EvaluationResult(
            precision,
            trialCount,
            steps,
            (double)correctSteps / steps,
            (double)exactTrials / trialCount,
            decodingAccuracy,
            minMargin,
            minMarginAt!,
            crossEntropySum / steps,
            memorylessSum / steps,
            firstFailure);
    }
}
