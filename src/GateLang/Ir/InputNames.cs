namespace GateLang.Ir;

/// <summary>The names of the input columns and output classes, as specs and dumps write them.</summary>
public static class InputNames
{
    /// <summary>The blank input and the blank output class.</summary>
    public const string Blank = "blank";

    /// <summary>The delimiter input.</summary>
    public const string Delimiter = "delim";

    /// <summary>Every symbol at once, in signals and overrides.</summary>
    public const string Symbols = "symbols";

    /// <summary>Name of symbol <paramref name="index"/>: A, B, C, … as in docs/synthetic-k2.md, then s26, s27, ….</summary>
    public static string Symbol(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"s{index}";
}
