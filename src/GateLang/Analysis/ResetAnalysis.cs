namespace GateLang.Analysis;

/// <summary>Settings of <see cref="ResetAnalysis"/>.</summary>
/// <param name="Threshold">
/// ζ: a neuron counts as reset at a decoding step when κ &gt; ζ there. The default 0.255 is the
/// value chosen for the trained K = 8, S = 10 GRU in "Gating Mechanisms Underlying
/// Sequence-to-Sequence Working Memory" (Appendix C).
/// </param>
public sealed record ResetOptions(double Threshold = ResetOptions.DefaultThreshold)
{
    public const double DefaultThreshold = 0.255;
}

/// <summary>
/// The reset metric of every neuron at every decoding step, and the staircase it forms.
/// </summary>
/// <param name="Kappa">κ[k][i] = mean over trials of (1 − z)(1 − r) of neuron i at decoding step k (0-based).</param>
/// <param name="FirstResetStep">The first decoding step k with κ &gt; ζ for each neuron, or null when it never resets.</param>
/// <param name="StaircaseOrder">Every neuron, sorted by first reset step (never-reset neurons last), ties by index.</param>
/// <param name="Stairs">The neurons of each first reset step that occurs, in step order.</param>
/// <param name="NeverReset">Neurons with κ ≤ ζ at every decoding step.</param>
public sealed record ResetResult(
    double Threshold,
    IReadOnlyList<IReadOnlyList<double>> Kappa,
    IReadOnlyList<int?> FirstResetStep,
    IReadOnlyList<int> StaircaseOrder,
    IReadOnlyList<ResetStair> Stairs,
    IReadOnlyList<int> NeverReset)
{
    /// <summary>Number of distinct first reset steps: the number of stairs.</summary>
    public int DistinctSteps => Stairs.Count;
}

/// <summary>The neurons that reset for the first time at decoding step <paramref name="DecodingStep"/> (0-based).</summary>
public sealed record ResetStair(int DecodingStep, IReadOnlyList<int> Neurons);

/// <summary>
/// The reset analysis: κ = mean (1 − z)(1 − r) per neuron at each decoding step, the first step at
/// which κ exceeds ζ, and the neurons sorted into a staircase by that step.
/// </summary>
/// <remarks>
/// Decoding step k is time S + T + k (0-based); its gates see h_{S+T+k−1}. κ near 1 means the
/// neuron takes its candidate and drops its past value, and κ near 0 means it keeps it.
/// </remarks>
public static class ResetAnalysis
{
    public static ResetResult Analyze(Recording recording, ResetOptions? options = null)
    {
        options ??= new ResetOptions();
        if (!(options.Threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "ζ must be in [0, 1] because κ is.");
        }

        var kappa = recording.ResetMetric;
        var d = recording.HiddenSize;
        var first = new int?[d];
        for (var i = 0; i < d; i++)
        {
            for (var k = 0; k < kappa.Length; k++)
            {
                if (kappa[k][i] > options.Threshold)
                {
                    first[i] = k;
                    break;
                }
            }
        }

        var order = Enumerable.Range(0, d)
            .OrderBy(i => first[i] ?? int.MaxValue)
            .ThenBy(i => i)
            .ToArray();
        var stairs = Enumerable.Range(0, d)
            .Where(i => first[i] is not null)
            .GroupBy(i => first[i]!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new ResetStair(g.Key, g.OrderBy(i => i).ToArray()))
            .ToArray();
        var never = Enumerable.Range(0, d).Where(i => first[i] is null).ToArray();

        return new ResetResult(options.Threshold, kappa, first, order, stairs, never);
    }
}
