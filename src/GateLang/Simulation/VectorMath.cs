using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GateLang.Simulation;

/// <summary>
/// Vectorized exp, logistic sigmoid and tanh for <see cref="NonlinearityMode.Vectorized"/>.
/// </summary>
/// <remarks>
/// The algorithms and coefficients are those of the Cephes Math Library by Stephen L. Moshier
/// (expf, exp, tanhf, tanh): range reduction to e^g · 2^n with a minimax polynomial (float) or
/// a Padé approximant (double) for e^g, and a rational or polynomial approximation of tanh
/// below |x| = 0.625, where 1 − 2 / (e^{2|x|} + 1) would cancel. The arguments of exp are
/// clamped to the range where 2^n is a normal number, so exp never returns 0 or infinity:
/// σ(x) for x below −88 (float) or −708 (double) is a tiny positive number where libm gives 0.
/// The unit tests bound the error against <see cref="Math"/> and <see cref="MathF"/>.
/// </remarks>
internal static class VectorMath
{
    public static Vector512<T> Sigmoid<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var one = Vector512<T>.One;
        return one / (one + Exp(-x));
    }

    public static Vector512<T> Exp<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return ExpSingle(x.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return ExpDouble(x.As<T, double>()).As<double, T>();
        }

        throw new NotSupportedException($"Vectorized exp supports float and double, not {typeof(T).Name}.");
    }

    public static Vector512<T> Tanh<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return TanhSingle(x.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return TanhDouble(x.As<T, double>()).As<double, T>();
        }

        throw new NotSupportedException($"Vectorized tanh supports float and double, not {typeof(T).Name}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingle(Vector512<float> x)
    {
        // e^88 = 1.65e38 and e^−87 = 1.6e−38 keep 2^n normal.
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.0f)), Vector512.Create(88.0f));

        // x = g + n ln 2 with |g| ≤ ln 2 / 2; ln 2 is split in two so that n ln 2 is exact enough.
        var n = Vector512.Floor((x * Vector512.Create(1.44269504088896341f)) + Vector512.Create(0.5f));
        x -= n * Vector512.Create(0.693359375f);
        x -= n * Vector512.Create(-2.12194440e-4f);

        var z = x * x;
        var p = Vector512.Create(1.9875691500e-4f);
        p = (p * x) + Vector512.Create(1.3981999507e-3f);
        p = (p * x) + Vector512.Create(8.3334519073e-3f);
        p = (p * x) + Vector512.Create(4.1665795894e-2f);
        p = (p * x) + Vector512.Create(1.6666665459e-1f);
        p = (p * x) + Vector512.Create(5.0000001201e-1f);
        var eg = (p * z) + x + Vector512<float>.One;

        var exponent = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23);
        return eg * exponent.As<int, float>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpDouble(Vector512<double> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-708.0)), Vector512.Create(709.0));

        var n = Vector512.Floor((x * Vector512.Create(1.4426950408889634073599)) + Vector512.Create(0.5));
        x -= n * Vector512.Create(6.93145751953125e-1);
        x -= n * Vector512.Create(1.42860682030941723212e-6);

        // e^g = 1 + 2 g P(g²) / (Q(g²) − g P(g²)).
        var xx = x * x;
        var p = Vector512.Create(1.26177193074810590878e-4);
        p = (p * xx) + Vector512.Create(3.02994407707441961300e-2);
        p = (p * xx) + Vector512.Create(9.99999999999999999910e-1);
        p *= x;
        var q = Vector512.Create(3.00198505138664455042e-6);
        q = (q * xx) + Vector512.Create(2.52448340349684104192e-3);
        q = (q * xx) + Vector512.Create(2.27265548208155028766e-1);
        q = (q * xx) + Vector512.Create(2.00000000000000000009e0);
        var eg = Vector512<double>.One + (Vector512.Create(2.0) * (p / (q - p)));

        var exponent = Vector512.ShiftLeft(Vector512.ConvertToInt64(n) + Vector512.Create(1023L), 52);
        return eg * exponent.As<long, double>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhSingle(Vector512<float> x)
    {
        var magnitude = Vector512.Abs(x);

        var s = x * x;
        var p = Vector512.Create(-5.70498872745e-3f);
        p = (p * s) + Vector512.Create(2.06390887954e-2f);
        p = (p * s) - Vector512.Create(5.37397155531e-2f);
        p = (p * s) + Vector512.Create(1.33314422036e-1f);
        p = (p * s) - Vector512.Create(3.33332819422e-1f);
        var small = (p * s * x) + x;

        var large = Vector512<float>.One - (Vector512.Create(2.0f) / (ExpSingle(magnitude + magnitude) + Vector512<float>.One));
        large = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), -large, large);

        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(0.625f)), small, large);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhDouble(Vector512<double> x)
    {
        var magnitude = Vector512.Abs(x);

        // tanh x = x + x s P(s) / Q(s) with s = x², P of degree 2 and Q monic of degree 3.
        var s = x * x;
        var p = Vector512.Create(-9.64399179425052238628e-1);
        p = (p * s) + Vector512.Create(-9.92877231001918586564e1);
        p = (p * s) + Vector512.Create(-1.61468768441708447952e3);
        var q = s + Vector512.Create(1.12811678491632931402e2);
        q = (q * s) + Vector512.Create(2.23548839060100448583e3);
        q = (q * s) + Vector512.Create(4.84406305325125486048e3);
        var small = x + (x * s * (p / q));

        var large = Vector512<double>.One - (Vector512.Create(2.0) / (ExpDouble(magnitude + magnitude) + Vector512<double>.One));
        large = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<double>.Zero), -large, large);

        return Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(0.625)), small, large);
    }
}
