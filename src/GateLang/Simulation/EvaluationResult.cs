using GateLang.Tasks;

namespace GateLang.Simulation;

/// <summary>
/// The scores of a network on a set of trials.
/// </summary>
/// <param name="Steps">Total scored steps over all trials.</param>
/// <param name="PerStepAccuracy">Fraction of steps whose arg-max class is the target.</param>
/// <param name="ExactSequenceAccuracy">Fraction of trials with every step right.</param>
/// <param name="DecodingStepAccuracy">Accuracy at decoding step k (0-based), one entry per symbol position.</param>
/// <param name="MinMargin">
/// Minimum over all steps of the target logit minus the largest other logit; negative when some step is wrong.
/// </param>
/// <param name="CrossEntropy">Mean cross-entropy per step in nats, with the target as label.</param>
/// <param name="MemorylessCrossEntropy">The same mean for the best predictor without memory (S ln K per trial).</param>
public sealed record EvaluationResult(
    Precision Precision,
    int Trials,
    long Steps,
    double PerStepAccuracy,
    double ExactSequenceAccuracy,
    double[] DecodingStepAccuracy,
    double MinMargin,
    StepReference MinMarginAt,
    double CrossEntropy,
    double MemorylessCrossEntropy,
    StepFailure? FirstFailure);

/// <summary>A step of a trial: the trial's index in the set, its content, and the 0-based step.</summary>
public sealed record StepReference(int TrialIndex, Trial Trial, int Step);

/// <summary>The first wrong step seen: where it is, the class expected and the class output.</summary>
public sealed record StepFailure(StepReference At, int Expected, int Output);
