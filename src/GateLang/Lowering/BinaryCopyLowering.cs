using GateLang.Compilation;
using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// The entry point of the first GateLang version, kept for callers that lower the
/// [memory | clock | switch] network of the binary (K = 2) copy-memory construction directly.
/// It runs the same passes as <see cref="NetworkCompiler"/>.
/// </summary>
public static class BinaryCopyLowering
{
    public static GruWeights Lower(NetworkDefinition network) => NetworkCompiler.Lower(network);

    /// <summary>Name of symbol <paramref name="index"/>: A, B, C, … (the binary construction calls its symbols A and B), then s26, s27, ….</summary>
    public static string SymbolName(int index) => InputNames.Symbol(index);
}
