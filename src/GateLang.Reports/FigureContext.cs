using GateLang.Analysis;

namespace GateLang.Reports;

/// <summary>What every figure of one network names in its title: the network and the trial set.</summary>
/// <param name="HiddenLabels">One label per hidden neuron, such as <c>mem[3]</c> or <c>h17</c>.</param>
/// <param name="SymbolLabels">One label per symbol, such as <c>A</c> and <c>B</c>.</param>
public sealed record FigureContext(string NetworkName, TrialSetDescription TrialSet, IReadOnlyList<string> HiddenLabels, IReadOnlyList<string> SymbolLabels)
{
    public static FigureContext From(NetworkAnalysisResult result) =>
        new(
            result.Subject.Name,
            result.TrialSet,
            result.Subject.Weights.HiddenLabels,
            result.Subject.Weights.OutputLabels.Take(result.Subject.Task.Symbols).ToArray());

    /// <summary>The network and trial set in a few words, for titles.</summary>
    public string TrialSetText =>
        $"{NetworkName}, {TrialSet.Trials} trials, seed {TrialSet.Seed}, T = {TrialSet.DelayMin}..{TrialSet.DelayMax}";

    /// <summary>The label of neuron <paramref name="index"/>, with its index when the label does not show it.</summary>
    public string NeuronLabel(int index)
    {
        var label = HiddenLabels[index];
        return label == $"h{index}" ? label : $"{label} (h{index})";
    }
}
