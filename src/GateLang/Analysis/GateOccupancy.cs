namespace GateLang.Analysis;

/// <summary>A group of neurons and how often its gates were open.</summary>
/// <param name="Kind">The block kind (<c>memory</c>, <c>clock</c>, <c>switch</c>) or the class found (<c>memory</c>, <c>other</c>).</param>
/// <param name="UpdateGateOpen">Per phase, the fraction of (neuron, step) pairs with z &gt; θ.</param>
/// <param name="ResetGateOpen">Per phase, the fraction of (neuron, step) pairs with r &gt; θ.</param>
/// <param name="UpdateGateOpenOverall">The same fraction over every step of every phase.</param>
/// <param name="ResetGateOpenOverall">The same fraction over every step of every phase.</param>
public sealed record GroupOccupancy(
    string Group,
    string Kind,
    IReadOnlyList<int> Neurons,
    IReadOnlyDictionary<TrialPhase, double> UpdateGateOpen,
    IReadOnlyDictionary<TrialPhase, double> ResetGateOpen,
    double UpdateGateOpenOverall,
    double ResetGateOpenOverall);

/// <param name="Threshold">θ, the gate value above which a gate counts as open.</param>
/// <param name="ByBlock">One group per declared block; empty when the network has no known blocks.</param>
/// <param name="ByMemoryClass">Two groups found by <see cref="MemoryNeuronAnalysis"/>: memory neurons and the others (a group is left out when empty).</param>
public sealed record GateOccupancyResult(double Threshold, IReadOnlyList<GroupOccupancy> ByBlock, IReadOnlyList<GroupOccupancy> ByMemoryClass);

/// <summary>
/// Gate occupancy: the fraction of steps at which each group's update and reset gates are above θ,
/// per phase and overall.
/// </summary>
public static class GateOccupancy
{
    public static GateOccupancyResult Analyze(Recording recording, IReadOnlyList<NeuronBlock> blocks, MemoryNeuronResult memory)
    {
        var byBlock = blocks
            .Select(b => Group(recording, b.Name, b.Kind, Enumerable.Range(b.Offset, b.Size).ToArray()))
            .ToArray();

        var memorySet = memory.MemoryNeurons.ToHashSet();
        var others = Enumerable.Range(0, recording.HiddenSize).Where(i => !memorySet.Contains(i)).ToArray();
        var byClass = new List<GroupOccupancy>();
        if (memory.MemoryNeurons.Count > 0)
        {
            byClass.Add(Group(recording, "memory neurons", "memory", memory.MemoryNeurons));
        }

        if (others.Length > 0)
        {
            byClass.Add(Group(recording, "other neurons", "other", others));
        }

        return new GateOccupancyResult(recording.Options.GateOpenThreshold, byBlock, byClass);
    }

    private static GroupOccupancy Group(Recording recording, string name, string kind, IReadOnlyList<int> neurons)
    {
        var update = new Dictionary<TrialPhase, double>();
        var reset = new Dictionary<TrialPhase, double>();
        long updateTotal = 0;
        long resetTotal = 0;
        long stepsTotal = 0;
        foreach (var phase in Enum.GetValues<TrialPhase>())
        {
            var steps = recording.PhaseSteps[phase] * neurons.Count;
            var updateOpen = neurons.Sum(i => recording.UpdateGateOpenSteps[phase][i]);
            var resetOpen = neurons.Sum(i => recording.ResetGateOpenSteps[phase][i]);
            update[phase] = (double)updateOpen / steps;
            reset[phase] = (double)resetOpen / steps;
            updateTotal += updateOpen;
            resetTotal += resetOpen;
            stepsTotal += steps;
        }

        return new GroupOccupancy(name, kind, neurons, update, reset, (double)updateTotal / stepsTotal, (double)resetTotal / stepsTotal);
    }
}
