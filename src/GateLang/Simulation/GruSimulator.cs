using System.Numerics;
using GateLang.Model;

namespace GateLang.Simulation;

/// <summary>
/// A CPU GRU with <c>torch.nn.GRU</c> semantics (one layer, batch of one, one-hot inputs) and a
/// linear readout, in the floating-point type <typeparamref name="T"/> (float or double).
/// </summary>
/// <remarks>
/// Each step follows ATen's GRU cell, including its operation order:
/// r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), h' = (h − n) ⊙ z + n,
/// where gi = W_ih x + b_ih and gh = W_hh h + b_hh. With one-hot x, W_ih x is one column of W_ih.
/// </remarks>
public sealed class GruSimulator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _weightIh;
    private readonly T[] _weightHh;
    private readonly T[] _biasIh;
    private readonly T[] _biasHh;
    private readonly T[] _readoutWeight;
    private readonly T[] _readoutBias;
    private readonly T[] _initialState;

    public GruSimulator(GruWeights weights)
    {
        Weights = weights;
        InputSize = weights.InputSize;
        HiddenSize = weights.HiddenSize;
        OutputSize = weights.OutputSize;
        _weightIh = Convert(weights.WeightIh.Data);
        _weightHh = Convert(weights.WeightHh.Data);
        _biasIh = Convert(weights.BiasIh);
        _biasHh = Convert(weights.BiasHh);
        _readoutWeight = Convert(weights.ReadoutWeight.Data);
        _readoutBias = Convert(weights.ReadoutBias);
        _initialState = Convert(weights.InitialState);
    }

    public GruWeights Weights { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    public void CopyInitialState(Span<T> state) => _initialState.CopyTo(state);

    /// <summary>
    /// Advances the state by one step with input column <paramref name="input"/> set to 1.
    /// </summary>
    /// <param name="state">h_{t−1} on entry, h_t on return.</param>
    /// <param name="scratch">Work space of at least 6d values.</param>
    /// <param name="resetGate">If not empty, receives r_t (d values).</param>
    /// <param name="updateGate">If not empty, receives z_t (d values).</param>
    public void Step(Span<T> state, int input, Span<T> scratch, Span<T> resetGate = default, Span<T> updateGate = default)
    {
        var d = HiddenSize;
        if ((uint)input >= (uint)InputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"Input index {input} is outside 0..{InputSize - 1}.");
        }

        var gi = scratch[..(3 * d)];
        var gh = scratch.Slice(3 * d, 3 * d);

        for (var row = 0; row < 3 * d; row++)
        {
            gi[row] = _weightIh[row * InputSize + input] + _biasIh[row];

            var sum = T.Zero;
            var weightRow = _weightHh.AsSpan(row * d, d);
            for (var j = 0; j < d; j++)
            {
                sum += weightRow[j] * state[j];
            }

            gh[row] = sum + _biasHh[row];
        }

        for (var i = 0; i < d; i++)
        {
            var r = Sigmoid(gi[i] + gh[i]);
            var z = Sigmoid(gi[d + i] + gh[d + i]);
            var n = T.Tanh(gi[2 * d + i] + r * gh[2 * d + i]);
            state[i] = (state[i] - n) * z + n;
            if (!resetGate.IsEmpty)
            {
                resetGate[i] = r;
            }

            if (!updateGate.IsEmpty)
            {
                updateGate[i] = z;
            }
        }
    }

    /// <summary>Computes the logits y = V h + c into <paramref name="logits"/>.</summary>
    public void Readout(ReadOnlySpan<T> state, Span<T> logits)
    {
        var d = HiddenSize;
        for (var k = 0; k < OutputSize; k++)
        {
            var sum = T.Zero;
            var weightRow = _readoutWeight.AsSpan(k * d, d);
            for (var j = 0; j < d; j++)
            {
                sum += weightRow[j] * state[j];
            }

            logits[k] = sum + _readoutBias[k];
        }
    }

    public static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));

    private static T[] Convert(double[] values)
    {
        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateChecked(values[i]);
        }

        return result;
    }
}
