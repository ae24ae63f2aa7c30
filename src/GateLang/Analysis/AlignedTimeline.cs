using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>The three phases of a VDCM trial.</summary>
public enum TrialPhase
{
    /// <summary>Steps 0 … S − 1, where the symbols are shown.</summary>
    Encoding,

    /// <summary>Steps S … S + T − 1: the T − 1 blanks and the delimiter.</summary>
    Delay,

    /// <summary>Steps S + T … 2S + T − 1, where the symbols are to be output.</summary>
    Decoding,
}

/// <summary>
/// A time axis shared by trials of different delays: the S encoding steps, the delay start, the
/// delimiter step and the S decoding steps, 2S + 2 positions in all.
/// </summary>
/// <remarks>
/// Times are 0-based, as in <see cref="VdcmLayout"/>. Position k &lt; S is step t = k (encoding
/// step k); position S is t = S, the first step of the delay, whose state h_S is the first one
/// that has seen all S symbols; position S + 1 is the delimiter step t = S + T − 1; position
/// S + 2 + k is t = S + T + k (decoding step k). With T = 1 the delay start and the delimiter
/// are the same step.
/// </remarks>
public static class AlignedTimeline
{
    public static int PositionCount(int length) => (2 * length) + 2;

    public static int DelayStartPosition(int length) => length;

    public static int DelimiterPosition(int length) => length + 1;

    public static int DecodingPosition(int length, int decodingStep) => length + 2 + decodingStep;

    /// <summary>The step of <paramref name="trial"/> at aligned <paramref name="position"/>.</summary>
    public static int TimeAt(Trial trial, int position)
    {
        var s = trial.Length;
        if (position < 0 || position >= PositionCount(s))
        {
            throw new ArgumentOutOfRangeException(nameof(position), $"Position {position} is outside 0..{PositionCount(s) - 1}.");
        }

        if (position < s)
        {
            return position;
        }

        if (position == s)
        {
            return s;
        }

        if (position == s + 1)
        {
            return s + trial.Delay - 1;
        }

        return VdcmLayout.FirstDecodingStep(trial) + (position - s - 2);
    }

    /// <summary>The phase of step <paramref name="t"/>; the delimiter step counts as delay.</summary>
    public static TrialPhase PhaseAt(Trial trial, int t) =>
        t < trial.Length ? TrialPhase.Encoding
        : t < VdcmLayout.FirstDecodingStep(trial) ? TrialPhase.Delay
        : TrialPhase.Decoding;

    /// <summary>A short label of each position: <c>e0</c> …, <c>delay start</c>, <c>delimiter</c>, <c>d0</c> ….</summary>
    public static IReadOnlyList<string> Labels(int length)
    {
        var labels = new List<string>(PositionCount(length));
        for (var k = 0; k < length; k++)
        {
            labels.Add($"e{k}");
        }

        labels.Add("delay start");
        labels.Add("delimiter");
        for (var k = 0; k < length; k++)
        {
            labels.Add($"d{k}");
        }

        return labels;
    }
}
