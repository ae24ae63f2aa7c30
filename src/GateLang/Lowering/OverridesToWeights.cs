using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Lowering;

/// <summary>
/// Applies the network's <c>override</c> statements to the lowered weights, in source order, so
/// a later override applies to the result of an earlier one.
/// </summary>
internal static class OverridesToWeights
{
    public static void Apply(GruWeights weights, NetworkDefinition network)
    {
        foreach (var change in network.Overrides)
        {
            foreach (var row in change.Rows)
            {
                if (change.Columns.Count == 0)
                {
                    Update(BiasOf(weights, change), RowIndex(weights, change, row), change);
                    continue;
                }

                var matrix = MatrixOf(weights, change);
                foreach (var column in change.Columns)
                {
                    var index = (RowIndex(weights, change, row) * matrix.Columns) + column;
                    Update(matrix.Data, index, change);
                }
            }
        }
    }

    private static void Update(double[] values, int index, WeightOverride change) =>
        values[index] = change.Scale ? values[index] * change.Value : change.Value;

    private static int RowIndex(GruWeights weights, WeightOverride change, int row) =>
        change.Gate is { } gate ? weights.GateOffset(gate) + row : row;

    private static Matrix MatrixOf(GruWeights weights, WeightOverride change) => change.Parameter switch
    {
        OverrideParameter.InputWeight => weights.WeightIh,
        OverrideParameter.HiddenWeight => weights.WeightHh,
        OverrideParameter.ReadoutWeight => weights.ReadoutWeight,
        _ => throw new InvalidOperationException($"Override parameter {change.Parameter} is not a matrix."),
    };

    private static double[] BiasOf(GruWeights weights, WeightOverride change) => change.Parameter switch
    {
        OverrideParameter.InputBias => weights.BiasIh,
        OverrideParameter.HiddenBias => weights.BiasHh,
        OverrideParameter.ReadoutBias => weights.ReadoutBias,
        _ => throw new InvalidOperationException($"Override parameter {change.Parameter} is not a bias."),
    };
}
