using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Lowering;

/// <summary>
/// Writes what every block shares: the labels of hidden neurons, inputs and output classes, and
/// the initial state h0 as bound.
/// </summary>
internal static class DefinitionToLabels
{
    public static void Lower(GruWeights weights, NetworkDefinition network)
    {
        foreach (var block in network.Blocks)
        {
            for (var k = 0; k < block.Size; k++)
            {
                weights.HiddenLabels[block.Offset + k] = block.NeuronLabel(k);
                weights.InitialState[block.Offset + k] = block.InitialState[k];
            }
        }

        var symbols = network.Task.Symbols;
        for (var k = 0; k < symbols; k++)
        {
            weights.InputLabels[k] = InputNames.Symbol(k);
            weights.OutputLabels[k] = InputNames.Symbol(k);
        }

        weights.InputLabels[VdcmLayout.BlankInput(symbols)] = InputNames.Blank;
        weights.InputLabels[VdcmLayout.DelimiterInput(symbols)] = InputNames.Delimiter;
        weights.OutputLabels[VdcmLayout.BlankClass(symbols)] = InputNames.Blank;
    }
}
