namespace GateLang.Tasks;

/// <summary>
/// One trial: the symbols to remember (each in [0, K)) and the delay T.
/// Inputs and targets are derived from these by <see cref="VdcmLayout"/>.
/// </summary>
public sealed record Trial(int[] Symbols, int Delay)
{
    public int Length => Symbols.Length;
}
