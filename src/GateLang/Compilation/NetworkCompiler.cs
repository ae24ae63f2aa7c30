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
/// The driver from a bound network to weights: one pass per block, in hidden-state order, then
/// the readout, the labels and initial state, and last the <c>override</c> statements. Each
/// block pass writes only its own neurons' rows of W_ih, W_hh, b_ih and b_hh; the readout pass
/// writes V and c. The binder has checked every reference the passes follow.
/// </summary>
public static class NetworkCompiler
{
    public static CompiledNetwork Compile(NetworkDefinition network) => new(network, Lower(network));

    public static GruWeights Lower(NetworkDefinition network)
    {
        var task = network.Task;
        var weights = new GruWeights(task.InputSize, network.HiddenSize, task.OutputSize);
        foreach (var block in network.Blocks)
        {
            switch (block.Kind)
            {
                case BlockKind.Memory:
                    MemoryToWeights.Lower(weights, network, block);
                    break;
                case BlockKind.Clock:
                    ClockToWeights.Lower(weights, network, block);
                    break;
                case BlockKind.Switch:
                    SwitchToWeights.Lower(weights, network, block);
                    break;
                case BlockKind.Latch:
                    LatchToWeights.Lower(weights, network, block);
                    break;
                case BlockKind.Toggle:
                    ToggleToWeights.Lower(weights, network, block);
                    break;
                case BlockKind.ShiftRegister:
                    ShiftRegisterToWeights.Lower(weights, network, block);
                    break;
                default:
                    throw new InvalidOperationException($"Block '{block.Name}' has unknown kind {block.Kind}.");
            }
        }

        ReadoutToWeights.Lower(weights, network);
        DefinitionToLabels.Lower(weights, network);
        OverridesToWeights.Apply(weights, network);
        return weights;
    }
}
