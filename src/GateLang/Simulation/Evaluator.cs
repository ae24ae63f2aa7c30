using System.Numerics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Simulation;

/// <summary>
/// Runs a network on VDCM trials and scores every step, streaming so that memory does not grow
/// with the number of trials.
/// </summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision) =>
        precision == Precision.Float32
            ? Evaluate<float>(weights, task, trials, precision)
            : Evaluate<double>(weights, task, trials, precision);

    private static EvaluationResult Evaluate<T>(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision)
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

                var score = ScoreStep(logits, target);
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

    /// <summary>
    /// Scores one step: the arg-max class (the lowest index wins a tie, as <c>torch.argmax</c> does
    /// on CPU), the target's margin over the best other class, and the cross-entropy in nats.
    /// </summary>
    internal static (int Output, double Margin, double CrossEntropy) ScoreStep<T>(ReadOnlySpan<T> logits, int target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var output = 0;
        var best = double.CreateChecked(logits[0]);
        var bestOther = double.NegativeInfinity;
        for (var k = 0; k < logits.Length; k++)
        {
            var value = double.CreateChecked(logits[k]);
            if (value > best)
            {
                best = value;
                output = k;
            }

            if (k != target && value > bestOther)
            {
                bestOther = value;
            }
        }

        var targetLogit = double.CreateChecked(logits[target]);
        double sumExp = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            sumExp += Math.Exp(double.CreateChecked(logits[k]) - best);
        }

        var crossEntropy = best + Math.Log(sumExp) - targetLogit;
        return (output, targetLogit - bestOther, crossEntropy);
    }
}
