namespace GateLang.Analysis;

/// <summary>
/// The headline numbers of one network's analysis, the rows of a side-by-side comparison.
/// </summary>
/// <param name="MemoryNeurons">Indices of the memory neurons (see <see cref="MemoryNeuronAnalysis"/>).</param>
/// <param name="Staircase">Neurons per first reset step, in step order; never-reset neurons are not listed.</param>
/// <param name="NeverReset">Neurons with κ ≤ ζ at every decoding step.</param>
/// <param name="MapPairsAllSucceeded">(q, p) pairs whose perturbation succeeded in all M test trials; null without a map.</param>
/// <param name="MapMeanSuccessRate">Mean success rate over all pairs; null without a map.</param>
/// <param name="MapMeanNeuronsUsed">Mean n over the pairs with at least one recorded neuron; null without a map or when no pair has one.</param>
/// <param name="MapNeuronsUsed">Distinct neurons written by the map for some pair; null without a map.</param>
public sealed record NetworkSummary(
    string Name,
    string Source,
    int HiddenSize,
    int Symbols,
    int Length,
    double PerStepAccuracy,
    double ExactSequenceAccuracy,
    IReadOnlyList<int> FailingDecodingSteps,
    IReadOnlyList<int> MemoryNeurons,
    int StaircaseSteps,
    IReadOnlyList<StairSize> Staircase,
    int NeverReset,
    int? MapPairsAllSucceeded,
    double? MapMeanSuccessRate,
    double? MapMeanNeuronsUsed,
    int? MapNeuronsUsed,
    GateOccupancyResult Occupancy)
{
    public static NetworkSummary From(NetworkAnalysisResult result)
    {
        var map = result.Map;
        var mappedPairs = map?.Entries.Where(e => e.Outcome != PerturbationOutcome.NoNeuronRecorded).ToArray();
        return new NetworkSummary(
            result.Subject.Name,
            result.Subject.Source,
            result.Subject.Weights.HiddenSize,
            result.Subject.Task.Symbols,
            result.Subject.Task.Length,
            result.Accuracy.PerStepAccuracy,
            result.Accuracy.ExactSequenceAccuracy,
            result.Accuracy.FailingDecodingSteps,
            result.Memory.MemoryNeurons,
            result.Reset.DistinctSteps,
            result.Reset.Stairs.Select(s => new StairSize(s.DecodingStep, s.Neurons.Count)).ToArray(),
            result.Reset.NeverReset.Count,
            map?.Entries.Count(e => e.Outcome == PerturbationOutcome.AllSucceeded),
            map?.Entries.Average(e => e.SuccessRate),
            mappedPairs is { Length: > 0 } ? mappedPairs.Average(e => e.NeuronsUsed) : null,
            map?.UsedNeurons().Count,
            result.Occupancy);
    }
}

/// <summary>The number of neurons that first reset at decoding step <paramref name="DecodingStep"/> (0-based).</summary>
public sealed record StairSize(int DecodingStep, int Neurons);
