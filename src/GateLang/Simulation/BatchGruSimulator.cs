using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GateLang.Model;

namespace GateLang.Simulation;

/// <summary>
/// A batched CPU GRU with the semantics and operation order of <see cref="GruSimulator{T}"/>:
/// many trials advance in lockstep, one per SIMD lane, and blocks of trials run on several threads.
/// </summary>
/// <remarks>
/// Per step, the recurrent product of all three gates is one product W_hh (3d x d) times the
/// batch's states (d x lanes), dense or sparse (<see cref="RecurrentProductFormat"/>). The input
/// product of a one-hot input is a lookup of the precomputed column W_ih[:, x] + b_ih, one
/// broadcast when every lane has the same input. With <see cref="NonlinearityMode.Reference"/>
/// every hidden state and logit equals <see cref="GruSimulator{T}"/>'s bit for bit, in float and
/// in double, as long as the states stay finite.
/// NOTE: the speed was measured only on AVX-512 hardware. Without it, .NET runs each
/// <see cref="Vector512{T}"/> operation as narrower vector or scalar operations, which gives the
/// same values but an unmeasured speed.
/// </remarks>
public sealed class BatchGruSimulator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Fraction of non-zero entries of W_hh up to which <see cref="RecurrentProductFormat.Auto"/> picks the sparse product.</summary>
    public const double SparseDensityThreshold = 1.0 / 3.0;

    private readonly T[] _recurrentWeights;
    private readonly int[] _sparseRowStarts;
    private readonly int[] _sparseColumns;
    private readonly T[] _sparseValues;
    private readonly T[] _recurrentBias;
    private readonly T[] _inputGateTable;
    private readonly T[] _readoutWeights;
    private readonly T[] _readoutBias;
    private readonly T[] _initialState;

    public BatchGruSimulator(
        GruWeights weights,
        NonlinearityMode nonlinearity = NonlinearityMode.Reference,
        RecurrentProductFormat recurrentProduct = RecurrentProductFormat.Auto)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"The batched simulator runs in float or double, not {typeof(T).Name}.");
        }

        InputSize = weights.InputSize;
        HiddenSize = weights.HiddenSize;
        OutputSize = weights.OutputSize;
        Nonlinearity = nonlinearity;

        var rows = 3 * HiddenSize;
        _recurrentWeights = Convert(weights.WeightHh.Data);
        _recurrentBias = Convert(weights.BiasHh);
        _readoutWeights = Convert(weights.ReadoutWeight.Data);
        _readoutBias = Convert(weights.ReadoutBias);
        _initialState = Convert(weights.InitialState);

        // Entry (input, row) is W_ih[row, input] + b_ih[row], rounded to T exactly as GruSimulator rounds gi.
        var weightIh = Convert(weights.WeightIh.Data);
        var biasIh = Convert(weights.BiasIh);
        _inputGateTable = new T[InputSize * rows];
        for (var input = 0; input < InputSize; input++)
        {
            for (var row = 0; row < rows; row++)
            {
                _inputGateTable[(input * rows) + row] = weightIh[(row * InputSize) + input] + biasIh[row];
            }
        }

        (_sparseRowStarts, _sparseColumns, _sparseValues) = ToCompressedRows(_recurrentWeights, rows, HiddenSize);
        RecurrentNonZeros = _sparseValues.Length;
        RecurrentProduct = recurrentProduct switch
        {
            RecurrentProductFormat.Auto => RecurrentNonZeros <= SparseDensityThreshold * rows * HiddenSize
                ? RecurrentProductFormat.Sparse
                : RecurrentProductFormat.Dense,
            _ => recurrentProduct,
        };
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    public NonlinearityMode Nonlinearity { get; }

    /// <summary>The product in use: <see cref="RecurrentProductFormat.Dense"/> or <see cref="RecurrentProductFormat.Sparse"/>.</summary>
    public RecurrentProductFormat RecurrentProduct { get; }

    /// <summary>Number of non-zero entries of W_hh.</summary>
    public int RecurrentNonZeros { get; }

    /// <summary>Lanes per block in <see cref="Forward"/>: four SIMD vectors.</summary>
    public static int BlockLanes => 4 * Vector512<T>.Count;

    public GruBatch<T> CreateBatch(int lanes) => new(HiddenSize, OutputSize, lanes);

    /// <summary>Sets every lane, padding included, to the initial state h0.</summary>
    public void Reset(GruBatch<T> batch)
    {
        CheckBatch(batch);
        for (var j = 0; j < HiddenSize; j++)
        {
            batch.Hidden.AsSpan(j * batch.Stride, batch.Stride).Fill(_initialState[j]);
        }
    }

    /// <summary>Advances every lane by one step with the same one-hot input index.</summary>
    public void Step(GruBatch<T> batch, int input)
    {
        CheckBatch(batch);
        CheckInput(input);
        batch.Inputs.AsSpan().Fill(input);
        StepCore(batch, uniformInput: input);
    }

    /// <summary>Advances lane b by one step with one-hot input index <paramref name="inputs"/>[b].</summary>
    public void Step(GruBatch<T> batch, ReadOnlySpan<int> inputs)
    {
        CheckBatch(batch);
        if (inputs.Length != batch.Lanes)
        {
            throw new ArgumentException($"{inputs.Length} inputs were given for a batch of {batch.Lanes} lanes.", nameof(inputs));
        }

        foreach (var input in inputs)
        {
            CheckInput(input);
        }

        inputs.CopyTo(batch.Inputs);
        StepWithBatchInputs(batch);
    }

    /// <summary>Computes the logits V h + c of every lane into the batch.</summary>
    public void Readout(GruBatch<T> batch)
    {
        CheckBatch(batch);
        BatchKernels.DenseProduct(_readoutWeights, _readoutBias, OutputSize, HiddenSize, batch.Hidden, batch.Logits, batch.Stride);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> sequences of <paramref name="steps"/> steps from h0 and writes
    /// the logits after every step, the forward pass of <c>torch.nn.GRU</c> plus the readout.
    /// </summary>
    /// <param name="inputs">One-hot input indices, trial-major: trial i, step t at <c>i * steps + t</c>.</param>
    /// <param name="logits">Receives trial i, step t, class k at <c>(i * steps + t) * O + k</c>.</param>
    /// <param name="threads">Worker threads; 0 uses one per processor.</param>
    public void Forward(int[] inputs, int trials, int steps, T[] logits, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (inputs.Length != (long)trials * steps)
        {
            throw new ArgumentException($"{inputs.Length} inputs were given for {trials} trials of {steps} steps.", nameof(inputs));
        }

        if (logits.Length != (long)trials * steps * OutputSize)
        {
            throw new ArgumentException($"The logits buffer has {logits.Length} values, but {trials} trials of {steps} steps with {OutputSize} classes need {(long)trials * steps * OutputSize}.", nameof(logits));
        }

        foreach (var input in inputs)
        {
            CheckInput(input);
        }

        var lanesPerBlock = Math.Min(BlockLanes, trials);
        var blocks = (trials + lanesPerBlock - 1) / lanesPerBlock;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(
            0,
            blocks,
            options,
            () => CreateBatch(lanesPerBlock),
            (block, _, batch) =>
            {
                ForwardBlock(batch, inputs, block * lanesPerBlock, Math.Min(lanesPerBlock, trials - (block * lanesPerBlock)), steps, logits);
                return batch;
            },
            _ => { });
    }

    /// <summary>Advances every lane with the inputs already in <see cref="GruBatch{T}.Inputs"/>, which the caller has checked.</summary>
    internal void StepWithBatchInputs(GruBatch<T> batch)
    {
        var inputs = batch.Inputs;
        var first = inputs[0];
        var uniform = true;
        for (var lane = 1; lane < batch.Lanes; lane++)
        {
            if (inputs[lane] != first)
            {
                uniform = false;
                break;
            }
        }

        inputs.AsSpan(batch.Lanes).Fill(first);
        if (uniform)
        {
            StepCore(batch, uniformInput: first);
            return;
        }

        GatherInputGates(batch);
        StepCore(batch, uniformInput: -1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardBlock(GruBatch<T> batch, int[] inputs, int firstTrial, int trials, int steps, T[] logits)
    {
        var outputs = OutputSize;
        Reset(batch);
        for (var t = 0; t < steps; t++)
        {
            for (var lane = 0; lane < batch.Lanes; lane++)
            {
                // Lanes past the last trial repeat it; their logits are not written.
                var trial = firstTrial + Math.Min(lane, trials - 1);
                batch.Inputs[lane] = inputs[(trial * steps) + t];
            }

            StepWithBatchInputs(batch);
            Readout(batch);
            for (var lane = 0; lane < trials; lane++)
            {
                var offset = (((firstTrial + lane) * (long)steps) + t) * outputs;
                for (var k = 0; k < outputs; k++)
                {
                    logits[offset + k] = batch.Logits[(k * batch.Stride) + lane];
                }
            }
        }
    }

    private void StepCore(GruBatch<T> batch, int uniformInput)
    {
        if (RecurrentProduct == RecurrentProductFormat.Sparse)
        {
            BatchKernels.SparseProduct(_sparseRowStarts, _sparseColumns, _sparseValues, _recurrentBias, 3 * HiddenSize, batch.Hidden, batch.RecurrentGates, batch.Stride);
        }
        else
        {
            BatchKernels.DenseProduct(_recurrentWeights, _recurrentBias, 3 * HiddenSize, HiddenSize, batch.Hidden, batch.RecurrentGates, batch.Stride);
        }

        if (Nonlinearity == NonlinearityMode.Reference)
        {
            UpdateReference(batch, uniformInput);
        }
        else
        {
            UpdateVectorized(batch, uniformInput);
        }
    }

    /// <summary>Fills the input gates of every lane: row r of lane b is the table entry (inputs[b], r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherInputGates(GruBatch<T> batch)
    {
        var rows = 3 * HiddenSize;
        var stride = batch.Stride;
        var inputs = batch.Inputs;
        var gates = batch.InputGates;
        for (var row = 0; row < rows; row++)
        {
            var gateRow = gates.AsSpan(row * stride, stride);
            for (var lane = 0; lane < stride; lane++)
            {
                gateRow[lane] = _inputGateTable[(inputs[lane] * rows) + row];
            }
        }
    }

    /// <summary>
    /// Applies the gate equations of <see cref="GruSimulator{T}.Step"/> with the same expressions
    /// and libm calls: r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r · gh_n),
    /// h' = (h − n) · z + n.
    /// </summary>
    /// <remarks>
    /// Additions and products run on whole vectors of lanes, which round exactly as the scalar code
    /// does. σ and tanh are one libm call per lane, except when an argument has the same bits in
    /// every lane: then one call serves the whole block. In a compiled network the clock, the switch
    /// and the memory's update gates depend only on the step, so in a block of trials with equal
    /// delays most arguments are shared.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateReference(GruBatch<T> batch, int uniformInput)
    {
        var d = HiddenSize;
        var stride = batch.Stride;
        var vector = Vector512<T>.Count;
        ref var hidden = ref MemoryMarshal.GetArrayDataReference(batch.Hidden);
        ref var gh = ref MemoryMarshal.GetArrayDataReference(batch.RecurrentGates);
        ref var gi = ref MemoryMarshal.GetArrayDataReference(batch.InputGates);
        ref var reset = ref MemoryMarshal.GetArrayDataReference(batch.ResetGate);
        ref var update = ref MemoryMarshal.GetArrayDataReference(batch.UpdateGate);
        ref var candidate = ref MemoryMarshal.GetArrayDataReference(batch.Candidate);
        var updateOffset = d * stride;
        var candidateOffset = 2 * d * stride;
        for (var i = 0; i < d; i++)
        {
            var unit = i * stride;
            var table = uniformInput >= 0 ? _inputGateTable.AsSpan(uniformInput * 3 * d, 3 * d) : default;
            for (var lane = 0; lane < stride; lane += vector)
            {
                var giR = uniformInput >= 0 ? Vector512.Create(table[i]) : Vector512.LoadUnsafe(ref gi, (nuint)(unit + lane));
                var giZ = uniformInput >= 0 ? Vector512.Create(table[d + i]) : Vector512.LoadUnsafe(ref gi, (nuint)(unit + updateOffset + lane));
                (giR + Vector512.LoadUnsafe(ref gh, (nuint)(unit + lane))).StoreUnsafe(ref reset, (nuint)lane);
                (giZ + Vector512.LoadUnsafe(ref gh, (nuint)(unit + updateOffset + lane))).StoreUnsafe(ref update, (nuint)lane);
            }

            ApplySigmoid(batch.ResetGate, batch.Lanes);
            ApplySigmoid(batch.UpdateGate, batch.Lanes);

            for (var lane = 0; lane < stride; lane += vector)
            {
                var giN = uniformInput >= 0 ? Vector512.Create(table[(2 * d) + i]) : Vector512.LoadUnsafe(ref gi, (nuint)(unit + candidateOffset + lane));
                var r = Vector512.LoadUnsafe(ref reset, (nuint)lane);
                (giN + (r * Vector512.LoadUnsafe(ref gh, (nuint)(unit + candidateOffset + lane)))).StoreUnsafe(ref candidate, (nuint)lane);
            }

            ApplyTanh(batch.Candidate, batch.Lanes);

            for (var lane = 0; lane < stride; lane += vector)
            {
                var h = Vector512.LoadUnsafe(ref hidden, (nuint)(unit + lane));
                var n = Vector512.LoadUnsafe(ref candidate, (nuint)lane);
                var z = Vector512.LoadUnsafe(ref update, (nuint)lane);
                (((h - n) * z) + n).StoreUnsafe(ref hidden, (nuint)(unit + lane));
            }
        }
    }

    /// <summary>Replaces every value x with σ(x) as <see cref="GruSimulator{T}.Sigmoid"/> computes it.</summary>
    private static void ApplySigmoid(T[] values, int lanes)
    {
        if (SameBitsInLanes(values, lanes))
        {
            Array.Fill(values, GruSimulator<T>.Sigmoid(values[0]));
            return;
        }

        for (var lane = 0; lane < values.Length; lane++)
        {
            values[lane] = GruSimulator<T>.Sigmoid(values[lane]);
        }
    }

    /// <summary>Replaces every value x with <c>T.Tanh(x)</c>.</summary>
    private static void ApplyTanh(T[] values, int lanes)
    {
        if (SameBitsInLanes(values, lanes))
        {
            Array.Fill(values, T.Tanh(values[0]));
            return;
        }

        for (var lane = 0; lane < values.Length; lane++)
        {
            values[lane] = T.Tanh(values[lane]);
        }
    }

    /// <summary>
    /// Returns whether the first <paramref name="lanes"/> values have identical bits. Bits, not
    /// values, because tanh(−0) is −0 and a NaN is not equal to itself.
    /// </summary>
    private static bool SameBitsInLanes(T[] values, int lanes)
    {
        var vector = Vector512<T>.Count;
        var first = Vector512.Create(values[0]).AsByte();
        ref var start = ref MemoryMarshal.GetArrayDataReference(values);
        var lane = 0;
        for (; lane + vector <= lanes; lane += vector)
        {
            if (!Vector512.EqualsAll(Vector512.LoadUnsafe(ref start, (nuint)lane).AsByte(), first))
            {
                return false;
            }
        }

        if (lane < lanes)
        {
            // The last partial vector: lanes past the batch's end are compared with themselves.
            var tail = Vector512.LoadUnsafe(ref start, (nuint)lane);
            var mask = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(lanes - lane)));
            var expected = Vector512.ConditionalSelect(mask, Vector512.Create(values[0]), tail);
            return Vector512.EqualsAll(tail.AsByte(), expected.AsByte());
        }

        return true;
    }

    /// <summary>The same equations on whole vectors of lanes, padding included, with <see cref="VectorMath"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateVectorized(GruBatch<T> batch, int uniformInput)
    {
        var d = HiddenSize;
        var stride = batch.Stride;
        var vector = Vector512<T>.Count;
        ref var hidden = ref MemoryMarshal.GetArrayDataReference(batch.Hidden);
        ref var gh = ref MemoryMarshal.GetArrayDataReference(batch.RecurrentGates);
        ref var gi = ref MemoryMarshal.GetArrayDataReference(batch.InputGates);
        var updateOffset = d * stride;
        var candidateOffset = 2 * d * stride;
        for (var i = 0; i < d; i++)
        {
            var unit = i * stride;
            if (uniformInput >= 0)
            {
                var table = _inputGateTable.AsSpan(uniformInput * 3 * d, 3 * d);
                var giR = Vector512.Create(table[i]);
                var giZ = Vector512.Create(table[d + i]);
                var giN = Vector512.Create(table[(2 * d) + i]);
                for (var lane = unit; lane < unit + stride; lane += vector)
                {
                    UpdateVector(ref hidden, ref gh, lane, updateOffset, candidateOffset, giR, giZ, giN);
                }
            }
            else
            {
                for (var lane = unit; lane < unit + stride; lane += vector)
                {
                    var giR = Vector512.LoadUnsafe(ref gi, (nuint)lane);
                    var giZ = Vector512.LoadUnsafe(ref gi, (nuint)(lane + updateOffset));
                    var giN = Vector512.LoadUnsafe(ref gi, (nuint)(lane + candidateOffset));
                    UpdateVector(ref hidden, ref gh, lane, updateOffset, candidateOffset, giR, giZ, giN);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateVector(ref T hidden, ref T gh, int lane, int updateOffset, int candidateOffset, Vector512<T> giR, Vector512<T> giZ, Vector512<T> giN)
    {
        var r = VectorMath.Sigmoid(giR + Vector512.LoadUnsafe(ref gh, (nuint)lane));
        var z = VectorMath.Sigmoid(giZ + Vector512.LoadUnsafe(ref gh, (nuint)(lane + updateOffset)));
        var n = VectorMath.Tanh(giN + (r * Vector512.LoadUnsafe(ref gh, (nuint)(lane + candidateOffset))));
        var h = Vector512.LoadUnsafe(ref hidden, (nuint)lane);
        (((h - n) * z) + n).StoreUnsafe(ref hidden, (nuint)lane);
    }

    private void CheckBatch(GruBatch<T> batch)
    {
        if (batch.HiddenSize != HiddenSize || batch.OutputSize != OutputSize)
        {
            throw new ArgumentException($"The batch was made for {batch.HiddenSize} hidden units and {batch.OutputSize} classes, but this network has {HiddenSize} and {OutputSize}.", nameof(batch));
        }
    }

    private void CheckInput(int input)
    {
        if ((uint)input >= (uint)InputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"Input index {input} is outside 0..{InputSize - 1}.");
        }
    }

    private static (int[] RowStarts, int[] Columns, T[] Values) ToCompressedRows(T[] dense, int rows, int columns)
    {
        var rowStarts = new int[rows + 1];
        var columnList = new List<int>();
        var valueList = new List<T>();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var value = dense[(row * columns) + column];
                if (!T.IsZero(value))
                {
                    columnList.Add(column);
                    valueList.Add(value);
                }
            }

            rowStarts[row + 1] = valueList.Count;
        }

        return (rowStarts, columnList.ToArray(), valueList.ToArray());
    }

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
