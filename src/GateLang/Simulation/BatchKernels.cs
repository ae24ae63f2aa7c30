using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GateLang.Simulation;

/// <summary>
/// Matrix products of <see cref="BatchGruSimulator{T}"/>: y = W x + b for a batch of column
/// vectors stored unit-major (x[j, lane] at <c>j * stride + lane</c>).
/// </summary>
/// <remarks>
/// Each SIMD lane is one trial, so every output value is accumulated exactly as
/// <see cref="GruSimulator{T}"/> does it: from +0, adding w[r, j] · x[j] in increasing j with a
/// separate multiply and add (never a fused multiply-add), then adding the bias. That keeps the
/// result bit-for-bit equal to the one-trial loop. The sparse product skips zero weights, which
/// does not change the sum: w · x is ±0 for finite x, a running sum that starts at +0 never
/// becomes −0 in round-to-nearest, and s + ±0 = s for any other s.
/// </remarks>
internal static class BatchKernels
{
    /// <summary>
    /// Computes y[r, :] = Σ_j weights[r, j] x[j, :] + bias[r] for r &lt; rows, with row-major
    /// weights of <paramref name="columns"/> columns. <paramref name="stride"/> is a multiple of the vector size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DenseProduct<T>(T[] weights, T[] bias, int rows, int columns, T[] x, T[] y, int stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var vector = Vector512<T>.Count;
        ref var w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref var b = ref MemoryMarshal.GetArrayDataReference(bias);
        ref var xs = ref MemoryMarshal.GetArrayDataReference(x);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(y);

        var row = 0;
        for (; row + 4 <= rows; row += 4)
        {
            ref var rowWeights = ref Unsafe.Add(ref w, row * columns);
            ref var rowBias = ref Unsafe.Add(ref b, row);
            ref var rowOutput = ref Unsafe.Add(ref ys, row * stride);
            var lane = 0;
            for (; lane + (4 * vector) <= stride; lane += 4 * vector)
            {
                Dense4x4(ref rowWeights, columns, ref Unsafe.Add(ref xs, lane), stride, ref rowBias, ref Unsafe.Add(ref rowOutput, lane));
            }

            for (; lane < stride; lane += vector)
            {
                Dense4x1(ref rowWeights, columns, ref Unsafe.Add(ref xs, lane), stride, ref rowBias, ref Unsafe.Add(ref rowOutput, lane));
            }
        }

        for (; row < rows; row++)
        {
            ref var rowWeights = ref Unsafe.Add(ref w, row * columns);
            var rowBias = Unsafe.Add(ref b, row);
            ref var rowOutput = ref Unsafe.Add(ref ys, row * stride);
            for (var lane = 0; lane < stride; lane += vector)
            {
                Dense1x1(ref rowWeights, columns, ref Unsafe.Add(ref xs, lane), stride, rowBias, ref Unsafe.Add(ref rowOutput, lane));
            }
        }
    }

    /// <summary>
    /// Computes y[r, :] = Σ over the stored entries of row r of value · x[column, :] + bias[r],
    /// with the rows in compressed sparse row form and the columns of each row increasing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SparseProduct<T>(int[] rowStarts, int[] columnIndices, T[] values, T[] bias, int rows, T[] x, T[] y, int stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var vector = Vector512<T>.Count;
        ref var xs = ref MemoryMarshal.GetArrayDataReference(x);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(y);
        ref var columnsRef = ref MemoryMarshal.GetArrayDataReference(columnIndices);
        ref var valuesRef = ref MemoryMarshal.GetArrayDataReference(values);

        for (var row = 0; row < rows; row++)
        {
            var start = rowStarts[row];
            var end = rowStarts[row + 1];
            var rowBias = Vector512.Create(bias[row]);
            ref var rowOutput = ref Unsafe.Add(ref ys, row * stride);
            var lane = 0;
            for (; lane + (4 * vector) <= stride; lane += 4 * vector)
            {
                ref var laneInput = ref Unsafe.Add(ref xs, lane);
                var a0 = Vector512<T>.Zero;
                var a1 = Vector512<T>.Zero;
                var a2 = Vector512<T>.Zero;
                var a3 = Vector512<T>.Zero;
                for (var k = start; k < end; k++)
                {
                    var weight = Vector512.Create(Unsafe.Add(ref valuesRef, k));
                    ref var column = ref Unsafe.Add(ref laneInput, Unsafe.Add(ref columnsRef, k) * stride);
                    a0 += weight * Vector512.LoadUnsafe(ref column);
                    a1 += weight * Vector512.LoadUnsafe(ref column, (nuint)vector);
                    a2 += weight * Vector512.LoadUnsafe(ref column, (nuint)(2 * vector));
                    a3 += weight * Vector512.LoadUnsafe(ref column, (nuint)(3 * vector));
                }

                ref var output = ref Unsafe.Add(ref rowOutput, lane);
                (a0 + rowBias).StoreUnsafe(ref output);
                (a1 + rowBias).StoreUnsafe(ref output, (nuint)vector);
                (a2 + rowBias).StoreUnsafe(ref output, (nuint)(2 * vector));
                (a3 + rowBias).StoreUnsafe(ref output, (nuint)(3 * vector));
            }

            for (; lane < stride; lane += vector)
            {
                ref var laneInput = ref Unsafe.Add(ref xs, lane);
                var a0 = Vector512<T>.Zero;
                for (var k = start; k < end; k++)
                {
                    var weight = Vector512.Create(Unsafe.Add(ref valuesRef, k));
                    a0 += weight * Vector512.LoadUnsafe(ref Unsafe.Add(ref laneInput, Unsafe.Add(ref columnsRef, k) * stride));
                }

                (a0 + rowBias).StoreUnsafe(ref Unsafe.Add(ref rowOutput, lane));
            }
        }
    }

    /// <summary>Four rows times four vectors of lanes: 16 accumulators held in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dense4x4<T>(ref T w, int columns, ref T x, int stride, ref T bias, ref T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var vector = (nuint)Vector512<T>.Count;
        ref var w0 = ref w;
        ref var w1 = ref Unsafe.Add(ref w, columns);
        ref var w2 = ref Unsafe.Add(ref w, 2 * columns);
        ref var w3 = ref Unsafe.Add(ref w, 3 * columns);
        Vector512<T> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<T> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<T> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<T> a30 = default, a31 = default, a32 = default, a33 = default;
        ref var column = ref x;
        for (var j = 0; j < columns; j++)
        {
            var x0 = Vector512.LoadUnsafe(ref column);
            var x1 = Vector512.LoadUnsafe(ref column, vector);
            var x2 = Vector512.LoadUnsafe(ref column, 2 * vector);
            var x3 = Vector512.LoadUnsafe(ref column, 3 * vector);

            var b0 = Vector512.Create(Unsafe.Add(ref w0, j));
            a00 += b0 * x0;
            a01 += b0 * x1;
            a02 += b0 * x2;
            a03 += b0 * x3;
            var b1 = Vector512.Create(Unsafe.Add(ref w1, j));
            a10 += b1 * x0;
            a11 += b1 * x1;
            a12 += b1 * x2;
            a13 += b1 * x3;
            var b2 = Vector512.Create(Unsafe.Add(ref w2, j));
            a20 += b2 * x0;
            a21 += b2 * x1;
            a22 += b2 * x2;
            a23 += b2 * x3;
            var b3 = Vector512.Create(Unsafe.Add(ref w3, j));
            a30 += b3 * x0;
            a31 += b3 * x1;
            a32 += b3 * x2;
            a33 += b3 * x3;

            column = ref Unsafe.Add(ref column, stride);
        }

        var c0 = Vector512.Create(bias);
        (a00 + c0).StoreUnsafe(ref y);
        (a01 + c0).StoreUnsafe(ref y, vector);
        (a02 + c0).StoreUnsafe(ref y, 2 * vector);
        (a03 + c0).StoreUnsafe(ref y, 3 * vector);
        ref var y1 = ref Unsafe.Add(ref y, stride);
        var c1 = Vector512.Create(Unsafe.Add(ref bias, 1));
        (a10 + c1).StoreUnsafe(ref y1);
        (a11 + c1).StoreUnsafe(ref y1, vector);
        (a12 + c1).StoreUnsafe(ref y1, 2 * vector);
        (a13 + c1).StoreUnsafe(ref y1, 3 * vector);
        ref var y2 = ref Unsafe.Add(ref y, 2 * stride);
        var c2 = Vector512.Create(Unsafe.Add(ref bias, 2));
        (a20 + c2).StoreUnsafe(ref y2);
        (a21 + c2).StoreUnsafe(ref y2, vector);
        (a22 + c2).StoreUnsafe(ref y2, 2 * vector);
        (a23 + c2).StoreUnsafe(ref y2, 3 * vector);
        ref var y3 = ref Unsafe.Add(ref y, 3 * stride);
        var c3 = Vector512.Create(Unsafe.Add(ref bias, 3));
        (a30 + c3).StoreUnsafe(ref y3);
        (a31 + c3).StoreUnsafe(ref y3, vector);
        (a32 + c3).StoreUnsafe(ref y3, 2 * vector);
        (a33 + c3).StoreUnsafe(ref y3, 3 * vector);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dense4x1<T>(ref T w, int columns, ref T x, int stride, ref T bias, ref T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref var w0 = ref w;
        ref var w1 = ref Unsafe.Add(ref w, columns);
        ref var w2 = ref Unsafe.Add(ref w, 2 * columns);
        ref var w3 = ref Unsafe.Add(ref w, 3 * columns);
        Vector512<T> a0 = default, a1 = default, a2 = default, a3 = default;
        ref var column = ref x;
        for (var j = 0; j < columns; j++)
        {
            var x0 = Vector512.LoadUnsafe(ref column);
            a0 += Vector512.Create(Unsafe.Add(ref w0, j)) * x0;
            a1 += Vector512.Create(Unsafe.Add(ref w1, j)) * x0;
            a2 += Vector512.Create(Unsafe.Add(ref w2, j)) * x0;
            a3 += Vector512.Create(Unsafe.Add(ref w3, j)) * x0;
            column = ref Unsafe.Add(ref column, stride);
        }

        (a0 + Vector512.Create(bias)).StoreUnsafe(ref y);
        (a1 + Vector512.Create(Unsafe.Add(ref bias, 1))).StoreUnsafe(ref Unsafe.Add(ref y, stride));
        (a2 + Vector512.Create(Unsafe.Add(ref bias, 2))).StoreUnsafe(ref Unsafe.Add(ref y, 2 * stride));
        (a3 + Vector512.Create(Unsafe.Add(ref bias, 3))).StoreUnsafe(ref Unsafe.Add(ref y, 3 * stride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dense1x1<T>(ref T w, int columns, ref T x, int stride, T bias, ref T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var a0 = Vector512<T>.Zero;
        ref var column = ref x;
        for (var j = 0; j < columns; j++)
        {
            a0 += Vector512.Create(Unsafe.Add(ref w, j)) * Vector512.LoadUnsafe(ref column);
            column = ref Unsafe.Add(ref column, stride);
        }

        (a0 + Vector512.Create(bias)).StoreUnsafe(ref y);
    }
}
