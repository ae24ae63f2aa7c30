using GateLang.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace GateLang.Benchmarks;

/// <summary>
/// TorchSharp's <c>nn.GRU</c> (one layer, batch first) and <c>nn.Linear</c> readout loaded with
/// the same float32 weights as the GateLang simulator, run on one-hot inputs under <c>no_grad</c>.
/// </summary>
internal sealed class TorchGruRunner : IDisposable
{
    private readonly TorchSharp.Modules.GRU _gru;
    private readonly TorchSharp.Modules.Linear _readout;
    private readonly Tensor _input;
    private readonly Tensor _initialState;

    public TorchGruRunner(GruWeights weights, int[] inputs, int trials, int steps)
    {
        _gru = nn.GRU(weights.InputSize, weights.HiddenSize, numLayers: 1, batchFirst: true);
        _readout = nn.Linear(weights.HiddenSize, weights.OutputSize);
        using (no_grad())
        {
            var rows = 3L * weights.HiddenSize;
            Copy(_gru, "weight_ih_l0", weights.WeightIh.Data, rows, weights.InputSize);
            Copy(_gru, "weight_hh_l0", weights.WeightHh.Data, rows, weights.HiddenSize);
            Copy(_gru, "bias_ih_l0", weights.BiasIh, rows);
            Copy(_gru, "bias_hh_l0", weights.BiasHh, rows);
            Copy(_readout, "weight", weights.ReadoutWeight.Data, weights.OutputSize, weights.HiddenSize);
            Copy(_readout, "bias", weights.ReadoutBias, weights.OutputSize);
        }

        var oneHot = new float[(long)trials * steps * weights.InputSize];
        for (var i = 0; i < inputs.Length; i++)
        {
            oneHot[((long)i * weights.InputSize) + inputs[i]] = 1;
        }

        _input = tensor(oneHot, [trials, steps, weights.InputSize]);
        var initial = weights.InitialState.Select(v => (float)v).ToArray();
        _initialState = tensor(initial, [1, 1, weights.HiddenSize]).expand(1, trials, weights.HiddenSize).contiguous();
    }

    /// <summary>Runs the GRU and the readout over every step; returns the logits [trials, steps, classes] when requested.</summary>
    public float[]? Forward(bool returnLogits)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (output, _) = _gru.forward(_input, _initialState);
        var logits = _readout.forward(output);
        return returnLogits ? logits.data<float>().ToArray() : null;
    }

    public void Dispose()
    {
        _gru.Dispose();
        _readout.Dispose();
        _input.Dispose();
        _initialState.Dispose();
    }

    private static void Copy(nn.Module module, string name, double[] values, params long[] shape)
    {
        var parameter = module.get_parameter(name) ?? throw new InvalidOperationException($"{module.GetName()} has no parameter '{name}'.");
        using var source = tensor(values.Select(v => (float)v).ToArray(), shape);
        parameter.copy_(source);
    }
}
