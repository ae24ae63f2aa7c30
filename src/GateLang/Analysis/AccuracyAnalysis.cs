namespace GateLang.Analysis;

/// <summary>
/// Accuracy of a recorded run: per step, per phase, per decoding step and per trial.
/// </summary>
/// <param name="PerStepAccuracy">Fraction of all steps (every phase) whose arg-max class is the target.</param>
/// <param name="ExactSequenceAccuracy">Fraction of trials with every step right.</param>
/// <param name="PhaseAccuracy">Fraction of right steps in each phase; the delimiter step counts as delay.</param>
/// <param name="DecodingStepAccuracy">Fraction of trials right at decoding step k (0-based), one entry per k.</param>
/// <param name="AlignedAccuracy">Fraction of trials right at each position of <see cref="AlignedTimeline"/>.</param>
/// <param name="FailingDecodingSteps">The decoding steps k (0-based) with accuracy below 1.</param>
/// <param name="FailedTrials">Number of trials with at least one wrong step.</param>
/// <param name="WrongStepsPerTrial">Histogram: entry n is the number of trials with exactly n wrong steps, up to the largest n seen.</param>
/// <param name="FailureExamples">The first failed trials, at most <see cref="AccuracyAnalysis.MaxExamples"/>.</param>
public sealed record AccuracyResult(
    int Trials,
    double PerStepAccuracy,
    double ExactSequenceAccuracy,
    IReadOnlyDictionary<TrialPhase, double> PhaseAccuracy,
    IReadOnlyList<double> DecodingStepAccuracy,
    IReadOnlyList<double> AlignedAccuracy,
    IReadOnlyList<int> FailingDecodingSteps,
    int FailedTrials,
    IReadOnlyList<int> WrongStepsPerTrial,
    IReadOnlyList<TrialFailure> FailureExamples);

/// <summary>A failed trial: its index in the set, content, first wrong step (0-based), and the outputs expected and produced while decoding.</summary>
public sealed record TrialFailure(int TrialIndex, IReadOnlyList<int> Symbols, int Delay, int FirstWrongStep, int WrongSteps, IReadOnlyList<int> ExpectedOutputs, IReadOnlyList<int> DecodingOutputs);

public static class AccuracyAnalysis
{
    /// <summary>How many failed trials <see cref="AccuracyResult.FailureExamples"/> lists.</summary>
    public const int MaxExamples = 10;

    public static AccuracyResult Analyze(Recording recording)
    {
        var trials = recording.Trials.Count;
        var s = recording.Task.Length;

        var decodingCorrect = new long[s];
        var exact = 0;
        var examples = new List<TrialFailure>();
        var histogram = new List<int>();
        for (var index = 0; index < trials; index++)
        {
            var trial = recording.Trials[index];
            var outputs = recording.DecodingOutputs[index];
            for (var k = 0; k < s; k++)
            {
                if (outputs[k] == trial.Outputs[k])
                {
                    decodingCorrect[k]++;
                }
            }

            var wrong = recording.WrongSteps[index];
            while (histogram.Count <= wrong)
            {
                histogram.Add(0);
            }

            histogram[wrong]++;
            if (wrong == 0)
            {
                exact++;
            }
            else if (examples.Count < MaxExamples)
            {
                examples.Add(new TrialFailure(index, trial.Symbols, trial.Delay, recording.FirstWrongStep[index], wrong, trial.Outputs, outputs));
            }
        }

        var decodingAccuracy = decodingCorrect.Select(c => (double)c / trials).ToArray();
        var totalSteps = recording.PhaseSteps.Values.Sum();
        var correctSteps = recording.PhaseCorrectSteps.Values.Sum();
        var phaseAccuracy = recording.PhaseSteps.ToDictionary(
            entry => entry.Key,
            entry => (double)recording.PhaseCorrectSteps[entry.Key] / entry.Value);

        return new AccuracyResult(
            trials,
            (double)correctSteps / totalSteps,
            (double)exact / trials,
            phaseAccuracy,
            decodingAccuracy,
            recording.AlignedAccuracy,
            Enumerable.Range(0, s).Where(k => decodingCorrect[k] < trials).ToArray(),
            trials - exact,
            histogram,
            examples);
    }
}
