using GateLang.Diagnostics;

namespace GateLang.Ir;

/// <summary>The kinds of block a network's hidden state is made of.</summary>
public enum BlockKind
{
    /// <summary>Slow-manifold memory: one neuron per encoding step (K neurons per step for K > 2), values of order r^-i.</summary>
    Memory,

    /// <summary>A chain of saturated neurons in which one high neuron moves one place per step.</summary>
    Clock,

    /// <summary>One saturated neuron that follows a condition on the input and other blocks; by default low while symbols arrive and high afterwards.</summary>
    Switch,

    /// <summary>One saturated neuron that goes high when its set signal fires (and low on its reset signal) and keeps its value otherwise.</summary>
    Latch,

    /// <summary>One saturated neuron that flips its sign whenever its flip signal fires.</summary>
    Toggle,

    /// <summary>S + 1 slots of saturated neurons, a present bit and the data bits of one item each, that move one slot towards slot 0 per shift.</summary>
    ShiftRegister,
}

/// <summary>The phases in which a clock block runs.</summary>
public enum ClockRun
{
    /// <summary>Runs while symbols arrive and again from the delimiter on, as in docs/synthetic-k2.md.</summary>
    Both,

    /// <summary>Runs while symbols arrive only: the delimiter does not restart it.</summary>
    Encode,

    /// <summary>Silent while symbols arrive (no neuron starts high), runs from the delimiter on.</summary>
    Decode,
}

/// <summary>How a memory block stores a symbol.</summary>
public enum MemoryCode
{
    /// <summary>One neuron per step storing ±r^-i (A positive, B negative); needs K = 2.</summary>
    Signed,

    /// <summary>K neurons per step; the neuron of the symbol shown stores r^-i and the others 0.</summary>
    OneHot,
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
    /// <summary>
    /// The signal settings of the block by key (<c>on</c>, <c>set</c>, <c>reset</c>, <c>flip</c>,
    /// <c>shift</c>, <c>clear</c>), each resolved to input columns and block names.
    /// </summary>
    public IReadOnlyDictionary<string, Signal> Signals { get; init; } = new Dictionary<string, Signal>();

    /// <summary>
    /// The clock block that writes and erases a memory block (<c>write</c>), or that loads a
    /// shift register (<c>load</c>); null when there is none.
    /// </summary>
    public string? Clock { get; init; }

    /// <summary>The phases in which a clock block runs.</summary>
    public ClockRun Run { get; init; } = ClockRun.Both;

    /// <summary>How a memory block stores symbols.</summary>
    public MemoryCode Code { get; init; } = MemoryCode.Signed;

    /// <summary>
    /// The one-neuron block whose sign a shift register stores as its single data bit, or null
    /// when the register stores the input symbol's binary code.
    /// </summary>
    public string? SourceBlock { get; init; }

    /// <summary>Data bits per slot of a shift register: ⌈log2 K⌉ for symbols, 1 for a block source.</summary>
    public int Bits { get; init; }

    /// <summary>Whether a loaded shift register puts the symbol of encoding step t in slot S − t (reverse order) instead of slot t + 1.</summary>
    public bool ReverseLoad { get; init; }

    /// <summary>Slots of a shift register: S + 1, slot 0 being the one the readout reads.</summary>
    public int Slots => Kind == BlockKind.ShiftRegister ? Size / (Bits + 1) : 0;

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

    /// <summary>The readout blocks written with a '-', which the readout reads with the opposite sign.</summary>
    public IReadOnlySet<string> NegatedReadoutBlocks { get; init; } = new HashSet<string>();

    /// <summary>The <c>override</c> statements, in source order, applied after lowering.</summary>
    public IReadOnlyList<WeightOverride> Overrides { get; init; } = [];

    /// <summary>Total size of the blocks; 0 for a network declared only by its train section.</summary>
    public int HiddenSize => Blocks.Sum(b => b.Size);

    public BlockDefinition? FindBlock(BlockKind kind) => Blocks.FirstOrDefault(b => b.Kind == kind);

    /// <summary>Returns the block named <paramref name="name"/>; the binder has checked that it exists.</summary>
    public BlockDefinition Block(string name) =>
        Blocks.FirstOrDefault(b => b.Name == name)
        ?? throw new InvalidOperationException($"Network '{Name}' has no block '{name}'; the binder should have rejected the reference.");
}

/// <summary>The words of the language for block kinds.</summary>
public static class BlockKindWords
{
    /// <summary>Returns the word a spec uses for <paramref name="kind"/>, such as <c>shift_register</c>.</summary>
    public static string ToWord(BlockKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
