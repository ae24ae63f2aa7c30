namespace GateLang.Ir;

/// <summary>How the terms of a signal combine.</summary>
public enum SignalCombination
{
    /// <summary>The signal fires when any term fires (a single term is an <c>any</c> of one).</summary>
    Any,

    /// <summary>The signal fires when every term fires.</summary>
    All,
}

/// <summary>
/// One term of a signal. An input term fires at step t when the input x_t is one of
/// <see cref="InputColumns"/>; a block term fires when the one-neuron block
/// <see cref="Block"/> is high (above 0) in h_{t−1}. A negated term fires when it otherwise would not.
/// </summary>
/// <param name="Text">The term as written, such as <c>-last</c>, for messages and dumps.</param>
public sealed record SignalTerm(string Text, IReadOnlyList<int> InputColumns, string? Block, bool Negated)
{
    public bool IsInput => Block is null;

    /// <summary>The neuron of <see cref="Block"/> that the term reads: 0 for a one-neuron block.</summary>
    public int Neuron { get; init; }
}

/// <summary>
/// A condition on the input at step t and on one-neuron blocks in h_{t−1}, such as
/// <c>any(symbols, dec)</c>, that drives a gate of a block.
/// </summary>
public sealed record Signal(SignalCombination Combination, IReadOnlyList<SignalTerm> Terms, string Text)
{
    /// <summary>The default signal of a switch, <c>any(blank, delim)</c>: high from the first blank on.</summary>
    public static Signal DefaultSwitch(int symbols) =>
        new(
            SignalCombination.Any,
            [
                new SignalTerm(InputNames.Blank, [symbols], null, false),
                new SignalTerm(InputNames.Delimiter, [symbols + 1], null, false),
            ],
            "any(blank, delim)");
}
