using GateLang.Ir;

namespace GateLang.Tasks;

/// <summary>
/// The time layout of a variable-delay copy-memory trial, shared by the generator, the
/// simulator and the scorer so that all three agree on every step.
/// </summary>
/// <remarks>
/// Time is 0-based. With S symbols and delay T a trial has 2S + T steps:
/// the symbols at t &lt; S, blanks for S ≤ t &lt; S + T − 1, the delimiter at t = S + T − 1,
/// then S blanks. The target is blank for t &lt; S + T, then output k at t = S + T + k, where the
/// outputs are the symbols themselves for copy memory (<see cref="Trial.Outputs"/>).
/// Inputs are one-hot of width K + 2 (blank = K, delimiter = K + 1); there are K + 1 classes.
/// </remarks>
public static class VdcmLayout
{
    public static int BlankInput(int symbols) => symbols;

    public static int DelimiterInput(int symbols) => symbols + 1;

    public static int BlankClass(int symbols) => symbols;

    public static int TrialLength(Trial trial) => 2 * trial.Length + trial.Delay;

    /// <summary>First step whose target is a symbol: S + T.</summary>
    public static int FirstDecodingStep(Trial trial) => trial.Length + trial.Delay;

    /// <summary>Index of the input column that is 1 at step <paramref name="t"/>.</summary>
    public static int InputAt(Trial trial, int symbols, int t)
    {
        var s = trial.Length;
        if (t < 0 || t >= TrialLength(trial))
        {
            throw new ArgumentOutOfRangeException(nameof(t), $"Step {t} is outside a trial of {TrialLength(trial)} steps.");
        }

        if (t < s)
        {
            return trial.Symbols[t];
        }

        return t == s + trial.Delay - 1 ? DelimiterInput(symbols) : BlankInput(symbols);
    }

    /// <summary>Expected class at step <paramref name="t"/>.</summary>
    public static int TargetAt(Trial trial, int symbols, int t)
    {
        var decodingStart = FirstDecodingStep(trial);
        if (t < 0 || t >= TrialLength(trial))
        {
            throw new ArgumentOutOfRangeException(nameof(t), $"Step {t} is outside a trial of {TrialLength(trial)} steps.");
        }

        return t < decodingStart ? BlankClass(symbols) : trial.Outputs[t - decodingStart];
    }

    /// <summary>Fills the input indices and target classes of a whole trial.</summary>
    public static void Fill(Trial trial, int symbols, Span<int> inputs, Span<int> targets)
    {
        var steps = TrialLength(trial);
        for (var t = 0; t < steps; t++)
        {
            inputs[t] = InputAt(trial, symbols, t);
            targets[t] = TargetAt(trial, symbols, t);
        }
    }

    /// <summary>
    /// Cross-entropy per step, in nats, of the best predictor that remembers nothing:
    /// certain of blank outside decoding and uniform over K symbols during it, S ln K over 2S + T steps.
    /// </summary>
    public static double MemorylessCrossEntropy(TaskDefinition task, int delay) =>
        task.Length * Math.Log(task.Symbols) / task.TrialLength(delay);
}
