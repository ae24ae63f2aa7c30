using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// Turns a <see cref="Signal"/> into one row of linear-threshold weights: the pre-activation of
/// gate <c>g</c> of one neuron is <c>rest</c> while the signal does not fire and <c>fired</c>
/// when it fires.
/// </summary>
/// <remarks>
/// With Δ = fired − rest, an input term adds Δ to the columns of its inputs (one-hot inputs, so
/// at most one column is 1), and a block term with state s ∈ {−1, +1} adds (Δ/2)(±s + 1), the
/// sign being − for a negated term. For <c>any</c>, the pre-activation is rest + Δ·(number of
/// terms firing): rest when none fires, rest + Δ or further when one does. For <c>all</c> with
/// n terms it is rest + Δ·(firing − (n − 1)): rest + Δ when all fire, rest or further from firing
/// otherwise. Input terms are merged first (union for any, intersection for all), because only
/// one input column is hot. Saturated block states of about ±0.9 shrink each swing by about
/// 10 %, which the levels in <see cref="SaturatedLevels"/> allow for.
/// </remarks>
internal static class SignalToGateWeights
{
    /// <summary>
    /// Writes the threshold of <paramref name="signal"/> plus <paramref name="extraNeurons"/>
    /// (block terms that fire when the neuron is high, ORed in) into row <paramref name="neuron"/>
    /// of <paramref name="gate"/>. The constant goes to b_hh for the reset and update gates and
    /// to b_ih for the candidate, where it is not scaled by the reset gate.
    /// </summary>
    public static void Write(
        GruWeights weights,
        NetworkDefinition network,
        Gate gate,
        int neuron,
        IReadOnlyList<SignalTerm> terms,
        SignalCombination combination,
        double rest,
        double fired,
        bool foldConstantIntoInputs = false)
    {
        var row = weights.GateOffset(gate) + neuron;
        var delta = fired - rest;
        var constant = rest;
        var inputs = combination == SignalCombination.Any ? MergeAny(terms, network) : MergeAll(terms, network);
        var blockTerms = terms.Where(term => !term.IsInput).ToList();
        var termCount = blockTerms.Count + (terms.Any(term => term.IsInput) ? 1 : 0);

        foreach (var term in blockTerms)
        {
            var source = network.Block(term.Block!).Offset + term.Neuron;
            var sign = term.Negated ? -1.0 : 1.0;
            weights.WeightHh[row, source] += sign * delta / 2;
            constant += delta / 2;
        }

        if (combination == SignalCombination.All)
        {
            constant -= delta * (termCount - 1);
        }

        if (inputs is not null)
        {
            foreach (var column in inputs)
            {
                weights.WeightIh[row, column] += delta;
            }
        }

        if (foldConstantIntoInputs)
        {
            // One input column is 1 at every step, so a constant added to every column acts as a bias.
            for (var column = 0; column < weights.InputSize; column++)
            {
                weights.WeightIh[row, column] += constant;
            }
        }
        else if (gate == Gate.Candidate)
        {
            weights.BiasIh[row] += constant;
        }
        else
        {
            weights.BiasHh[row] += constant;
        }
    }

    /// <summary>Writes a signal with the combination it was declared with.</summary>
    public static void Write(
        GruWeights weights, NetworkDefinition network, Gate gate, int neuron, Signal signal, double rest, double fired) =>
        Write(weights, network, gate, neuron, signal.Terms, signal.Combination, rest, fired);

    /// <summary>A block term that fires when neuron <paramref name="index"/> of <paramref name="block"/> is high.</summary>
    public static SignalTerm NeuronTerm(string block, int index) => new($"{block}[{index}]", [], block, false) { Neuron = index };

    private static HashSet<int>? MergeAny(IReadOnlyList<SignalTerm> terms, NetworkDefinition network)
    {
        HashSet<int>? columns = null;
        foreach (var term in terms.Where(term => term.IsInput))
        {
            columns ??= [];
            columns.UnionWith(Columns(term, network));
        }

        return columns;
    }

    private static HashSet<int>? MergeAll(IReadOnlyList<SignalTerm> terms, NetworkDefinition network)
    {
        HashSet<int>? columns = null;
        foreach (var term in terms.Where(term => term.IsInput))
        {
            var these = Columns(term, network);
            if (columns is null)
            {
                columns = [.. these];
            }
            else
            {
                columns.IntersectWith(these);
            }
        }

        return columns;
    }

    private static IEnumerable<int> Columns(SignalTerm term, NetworkDefinition network) =>
        term.Negated
            ? Enumerable.Range(0, network.Task.InputSize).Except(term.InputColumns)
            : term.InputColumns;
}
