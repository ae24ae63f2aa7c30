namespace GateLang.Ir;

/// <summary>
/// The binary code with which saturated blocks store a symbol: bit i of symbol k is +1 when
/// bit i of k is 1 and −1 when it is 0, so A = 0 is all −1 and, for K = 2, B = 1 is +1.
/// </summary>
public static class SymbolCode
{
    /// <summary>Bits needed for K symbols: ⌈log2 K⌉, at least 1.</summary>
    public static int BitCount(int symbols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(symbols, 2);
        var bits = 1;
        while ((1 << bits) < symbols)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>Bit <paramref name="bit"/> of symbol <paramref name="symbol"/> as ±1.</summary>
    public static double Bit(int symbol, int bit) => ((symbol >> bit) & 1) == 1 ? 1.0 : -1.0;
}
