namespace GateLang.Analysis;

/// <summary>An (encoding step q, symbol p) column of the block structure, both 0-based.</summary>
public sealed record StepSymbol(int Step, int Symbol);

/// <summary>
/// The memory neurons of a perturbation map arranged as a matrix. Rows are the neurons used for
/// some (q, p) pair and columns the pairs (q-major). Each cell is the expected value written into
/// that neuron for that pair, or null when the neuron is not used for it.
/// </summary>
/// <param name="Neurons">Row neurons, sorted by center of mass, ties by index.</param>
/// <param name="Columns">The S·K pairs, q-major.</param>
/// <param name="ExpectedValues">[row][column] expected value, or null for "not used".</param>
/// <param name="CenterOfMass">Per row, the mean column index of the pairs the neuron is used for.</param>
/// <param name="PrimaryStep">Per row, the encoding step with the most pairs that use the neuron, ties to the earliest.</param>
public sealed record BlockStructureResult(
    IReadOnlyList<int> Neurons,
    IReadOnlyList<StepSymbol> Columns,
    IReadOnlyList<IReadOnlyList<double?>> ExpectedValues,
    IReadOnlyList<double> CenterOfMass,
    IReadOnlyList<int> PrimaryStep)
{
    /// <summary>The neurons whose primary step is <paramref name="step"/>, in row order.</summary>
    public IReadOnlyList<int> NeuronsTunedTo(int step) =>
        Enumerable.Range(0, Neurons.Count).Where(row => PrimaryStep[row] == step).Select(row => Neurons[row]).ToArray();
}

/// <summary>
/// Builds the block structure of a perturbation map (the layout of Figure 4, left, of "Gating
/// Mechanisms Underlying Sequence-to-Sequence Working Memory").
/// </summary>
/// <remarks>
/// The center of mass weighs every used pair equally, so a neuron's rank depends only on which
/// pairs use it, not on the size of its values.
/// </remarks>
public static class BlockStructure
{
    public static BlockStructureResult Build(PerturbationMapResult map)
    {
        var columns = map.Entries.Select(e => new StepSymbol(e.Step, e.Symbol)).ToArray();
        var used = map.UsedNeurons();
        var rows = new List<(int Neuron, double?[] Values, double CenterOfMass, int PrimaryStep)>();
        foreach (var neuron in used)
        {
            var values = map.Entries.Select(e => e.ExpectedValueOf(neuron)).ToArray();
            var usedColumns = Enumerable.Range(0, values.Length).Where(c => values[c] is not null).ToArray();
            var centerOfMass = usedColumns.Average();
            var primaryStep = usedColumns
                .GroupBy(c => columns[c].Step)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key)
                .First()
                .Key;
            rows.Add((neuron, values, centerOfMass, primaryStep));
        }

        var ordered = rows.OrderBy(r => r.CenterOfMass).ThenBy(r => r.Neuron).ToArray();
        return new BlockStructureResult(
            ordered.Select(r => r.Neuron).ToArray(),
            columns,
            ordered.Select(r => (IReadOnlyList<double?>)r.Values).ToArray(),
            ordered.Select(r => r.CenterOfMass).ToArray(),
            ordered.Select(r => r.PrimaryStep).ToArray());
    }
}
