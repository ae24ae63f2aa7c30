using GateLang.Ir;
using GateLang.Lowering;
using GateLang.Model;

namespace GateLang.Compilation;

/// <summary>A bound network together with the weights it was lowered to.</summary>
public sealed record CompiledNetwork(NetworkDefinition Definition, GruWeights Weights)
{
    public TaskDefinition Task => Definition.Task;
}

/// <summary>
/// The driver from a bound network to weights. v1 has one lowering, the binary copy-memory
/// construction; the binder has already checked that a network fits it.
/// </summary>
public static class NetworkCompiler
{
    public static CompiledNetwork Compile(NetworkDefinition network) =>
        new(network, BinaryCopyLowering.Lower(network));
}
