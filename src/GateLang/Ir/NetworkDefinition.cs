using GateLang.Diagnostics;

namespace GateLang.Ir;

/// <summary>The kinds of block a network's hidden state is made of.</summary>
public enum BlockKind
{
    /// <summary>Slow-manifold memory: one neuron per encoding step, values of order r^-i.</summary>
    Memory,

    /// <summary>A chain of saturated neurons in which one high neuron moves one place per step.</summary>
    Clock,

    /// <summary>One saturated neuron that is low while symbols arrive and high afterwards.</summary>
    Switch,
}

/// <summary>
/// A block of contiguous hidden neurons, with its parameters resolved: per-block α and β fall back
/// to the network's, and the initial state is expanded to one value per neuron.
/// </summary>
/// <param name="Offset">Index of the block's first neuron in the hidden state.</param>
/// <param name="Ratio">The geometric ratio r of a memory block; 0 for other kinds.</param>
/// <param name="EraseGain">
/// Multiple of α on the clock-to-update-gate connection that writes and erases a memory neuron;
/// 1 is the paper's literal value. Unused by other kinds.
/// </param>
public sealed record BlockDefinition(
    string Name,
    BlockKind Kind,
    int Offset,
    int Size,
    double Alpha,
    double Beta,
    double Ratio,
    double EraseGain,
    IReadOnlyList<double> InitialState,
    SourceLocation Location)
{
    /// <summary>Label of neuron <paramref name="index"/> of this block, such as <c>mem[3]</c>.</summary>
    public string NeuronLabel(int index) => $"{Name}[{index}]";
}

/// <summary>
/// A bound network: the task it solves, its blocks in hidden-state order, and the blocks
/// the readout reads.
/// </summary>
public sealed record NetworkDefinition(
    string Name,
    TaskDefinition Task,
    IReadOnlyList<BlockDefinition> Blocks,
    IReadOnlyList<string> ReadoutBlocks,
    double Alpha,
    double Beta,
    SourceLocation Location)
{
    /// <summary>The <c>train</c> section, or null when the network is only compiled.</summary>
    public TrainingDefinition? Training { get; init; }

    /// <summary>Total size of the blocks; 0 for a network declared only by its train section.</summary>
    public int HiddenSize => Blocks.Sum(b => b.Size);

    public BlockDefinition? FindBlock(BlockKind kind) => Blocks.FirstOrDefault(b => b.Kind == kind);
}
