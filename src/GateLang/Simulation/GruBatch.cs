using System.Numerics;
using System.Runtime.Intrinsics;

namespace GateLang.Simulation;

/// <summary>
/// The hidden states, logits and step work space of a batch of trials that
/// <see cref="BatchGruSimulator{T}"/> advances in lockstep, one trial per lane.
/// </summary>
/// <remarks>
/// Every buffer is unit-major: value j of lane b is at <c>j * Stride + b</c>, so one SIMD vector
/// contains the same unit of consecutive lanes. <c>Stride</c> is the lane count rounded up to a
/// whole number of <see cref="Vector512{T}"/> vectors. The padding lanes contain finite values
/// that no caller reads.
/// </remarks>
public sealed class GruBatch<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    internal GruBatch(int hiddenSize, int outputSize, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lanes);
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
        Lanes = lanes;
        var vector = Vector512<T>.Count;
        Stride = (lanes + vector - 1) / vector * vector;
        Hidden = new T[hiddenSize * Stride];
        RecurrentGates = new T[3 * hiddenSize * Stride];
        InputGates = new T[3 * hiddenSize * Stride];
        Logits = new T[outputSize * Stride];
        ResetGate = new T[Stride];
        UpdateGate = new T[Stride];
        Candidate = new T[Stride];
        Inputs = new int[Stride];
    }

    /// <summary>Number of trials in the batch.</summary>
    public int Lanes { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    /// <summary>Distance between the values of consecutive units in every buffer.</summary>
    internal int Stride { get; }

    /// <summary>h: d x Stride.</summary>
    internal T[] Hidden { get; }

    /// <summary>W_hh h + b_hh: 3d x Stride, row blocks r, z, n.</summary>
    internal T[] RecurrentGates { get; }

    /// <summary>W_ih x + b_ih: 3d x Stride, filled only in steps whose lanes have different inputs.</summary>
    internal T[] InputGates { get; }

    /// <summary>V h + c: O x Stride.</summary>
    internal T[] Logits { get; }

    /// <summary>The reset gate r of one unit, and before that its argument: Stride values.</summary>
    internal T[] ResetGate { get; }

    /// <summary>The update gate z of one unit, and before that its argument: Stride values.</summary>
    internal T[] UpdateGate { get; }

    /// <summary>The candidate n of one unit, and before that its argument: Stride values.</summary>
    internal T[] Candidate { get; }

    /// <summary>The one-hot input index of each lane in the current step; padding lanes repeat lane 0.</summary>
    internal int[] Inputs { get; }

    /// <summary>Copies the hidden state of <paramref name="lane"/> (d values).</summary>
    public void CopyHiddenState(int lane, Span<T> destination)
    {
        CheckLane(lane);
        for (var j = 0; j < HiddenSize; j++)
        {
            destination[j] = Hidden[(j * Stride) + lane];
        }
    }

    /// <summary>Copies the logits of <paramref name="lane"/> (O values) computed by the last readout.</summary>
    public void CopyLogits(int lane, Span<T> destination)
    {
        CheckLane(lane);
        for (var k = 0; k < OutputSize; k++)
        {
            destination[k] = Logits[(k * Stride) + lane];
        }
    }

    /// <summary>Sets every lane's hidden state to the one in <paramref name="source"/>, which must have the same shape.</summary>
    public void CopyHiddenStatesFrom(GruBatch<T> source)
    {
        if (source.HiddenSize != HiddenSize || source.Lanes != Lanes)
        {
            throw new ArgumentException($"A batch of {source.Lanes} lanes and {source.HiddenSize} units cannot be copied into one of {Lanes} lanes and {HiddenSize} units.", nameof(source));
        }

        source.Hidden.CopyTo(Hidden, 0);
    }

    private void CheckLane(int lane)
    {
        if ((uint)lane >= (uint)Lanes)
        {
            throw new ArgumentOutOfRangeException(nameof(lane), $"Lane {lane} is outside 0..{Lanes - 1}.");
        }
    }
}
