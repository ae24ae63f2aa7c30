namespace GateLang.Analysis;

/// <summary>
/// PCA of the neurons tuned to one encoding step, at the delay start.
/// </summary>
/// <param name="Step">The encoding step q (0-based).</param>
/// <param name="Neurons">The neurons whose primary step in the block structure is q; empty when none is.</param>
/// <param name="Pca">The PCA of h_S restricted to <paramref name="Neurons"/> over every recorded trial; null when there are no neurons.</param>
/// <param name="SymbolAtStep">For each trial, in recording order, the symbol shown at step q.</param>
public sealed record TunedPcaResult(int Step, IReadOnlyList<int> Neurons, PcaResult? Pca, IReadOnlyList<int> SymbolAtStep);

/// <summary>
/// Projects the delay-start states (t = S) of the neurons tuned to an encoding step onto their
/// principal components (Figure 4, right, of "Gating Mechanisms Underlying Sequence-to-Sequence
/// Working Memory"). The components' signs follow <see cref="PrincipalComponents"/>'s rule.
/// </summary>
public static class TunedNeuronPca
{
    public static TunedPcaResult Analyze(Recording recording, BlockStructureResult blocks, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(step, recording.Task.Length);
        return Analyze(recording, blocks.NeuronsTunedTo(step), step);
    }

    /// <summary>The same analysis on a chosen set of <paramref name="neurons"/>.</summary>
    public static TunedPcaResult Analyze(Recording recording, IReadOnlyList<int> neurons, int step)
    {
        var symbols = recording.Trials.Select(t => t.Symbols[step]).ToArray();
        if (neurons.Count == 0)
        {
            return new TunedPcaResult(step, neurons, null, symbols);
        }

        var samples = recording.DelayStartStates
            .Select(state => neurons.Select(i => state[i]).ToArray())
            .ToArray();
        return new TunedPcaResult(step, neurons, PrincipalComponents.Compute(samples), symbols);
    }
}
