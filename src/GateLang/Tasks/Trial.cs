using GateLang.Ir;

namespace GateLang.Tasks;

/// <summary>
/// One trial: the symbols shown (each in [0, K)), the delay T, and the S symbols expected while
/// decoding. Inputs and targets are derived from these by <see cref="VdcmLayout"/>.
/// </summary>
/// <remarks>
/// For copy memory the expected outputs are the symbols themselves; <see cref="For"/> computes
/// them for every task kind.
/// </remarks>
public sealed record Trial(int[] Symbols, int Delay)
{
    private readonly int[]? _outputs;

    public Trial(int[] symbols, int delay, int[] outputs)
        : this(symbols, delay)
    {
        if (outputs.Length != symbols.Length)
        {
            throw new ArgumentException($"A trial with {symbols.Length} symbols needs {symbols.Length} outputs, not {outputs.Length}.", nameof(outputs));
        }

        _outputs = outputs;
    }

    public int Length => Symbols.Length;

    /// <summary>The symbol expected at decoding step k, for k = 0 … S − 1.</summary>
    public int[] Outputs => _outputs ?? Symbols;

    /// <summary>Builds the trial of <paramref name="task"/>'s kind for these symbols and delay.</summary>
    public static Trial For(TaskDefinition task, int[] symbols, int delay) =>
        task.Kind == TaskKind.Vdcm ? new Trial(symbols, delay) : new Trial(symbols, delay, TaskOutputs.Compute(task.Kind, symbols));
}

/// <summary>The expected decoding outputs of each task kind.</summary>
public static class TaskOutputs
{
    /// <summary>
    /// Computes the S outputs for <paramref name="symbols"/>: the symbols themselves (copy
    /// memory); the running XOR of the bits 0..k at step k (parity); or, for translation, the
    /// input reversed when its last bit is 1 and every bit flipped when it is 0.
    /// </summary>
    public static int[] Compute(TaskKind kind, int[] symbols)
    {
        switch (kind)
        {
            case TaskKind.Vdcm:
                return (int[])symbols.Clone();

            case TaskKind.Parity:
                var parity = new int[symbols.Length];
                var running = 0;
                for (var k = 0; k < symbols.Length; k++)
                {
                    running ^= RequireBit(symbols[k]);
                    parity[k] = running;
                }

                return parity;

            case TaskKind.Translate:
                if (symbols.Length == 0)
                {
                    return [];
                }

                return RequireBit(symbols[^1]) == 1
                    ? symbols.Reverse().ToArray()
                    : symbols.Select(s => 1 - RequireBit(s)).ToArray();

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown task kind.");
        }
    }

    private static int RequireBit(int symbol) =>
        symbol is 0 or 1 ? symbol : throw new ArgumentOutOfRangeException(nameof(symbol), $"Symbol {symbol} is not a bit; parity and translation take K = 2.");
}
