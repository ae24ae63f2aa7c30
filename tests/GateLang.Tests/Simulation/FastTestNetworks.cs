using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Tests.Simulation;

/// <summary>Random GRU weights and trial inputs for the batched simulator's tests.</summary>
internal static class FastTestNetworks
{
    /// <summary>
    /// Returns a GRU with every parameter drawn uniformly from [−scale/√d, scale/√d], PyTorch's
    /// initialization for scale 1, and each entry of W_hh set to zero with probability <paramref name="zeroFraction"/>.
    /// </summary>
    public static GruWeights Dense(int inputSize, int hiddenSize, int outputSize, long seed, double scale = 1, double zeroFraction = 0)
    {
        var random = new TrialRandom(seed);
        var bound = scale / Math.Sqrt(hiddenSize);
        double Draw() => ((2 * random.NextDouble()) - 1) * bound;

        var weights = new GruWeights(inputSize, hiddenSize, outputSize);
        Fill(weights.WeightIh.Data, Draw);
        Fill(weights.WeightHh.Data, () => random.NextDouble() < zeroFraction ? 0 : Draw());
        Fill(weights.BiasIh, Draw);
        Fill(weights.BiasHh, Draw);
        Fill(weights.ReadoutWeight.Data, Draw);
        Fill(weights.ReadoutBias, Draw);
        Fill(weights.InitialState, Draw);
        return weights;
    }

    /// <summary>Returns <paramref name="trials"/> x <paramref name="steps"/> input indices drawn uniformly, trial-major.</summary>
    public static int[] Inputs(int inputSize, int trials, int steps, long seed)
    {
        var random = new TrialRandom(seed);
        var inputs = new int[trials * steps];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextInt(inputSize);
        }

        return inputs;
    }

    private static void Fill(double[] values, Func<double> draw)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = draw();
        }
    }
}
