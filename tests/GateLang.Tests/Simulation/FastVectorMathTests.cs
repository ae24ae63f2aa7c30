using System.Runtime.Intrinsics;
using GateLang.Simulation;

namespace GateLang.Tests.Simulation;

public class FastVectorMathTests
{
    /// <summary>Arguments from −120 to 120, dense near zero, where tanh must keep its relative accuracy.</summary>
    private static double[] Arguments()
    {
        var values = new List<double> { 0.0, -0.0, 1e-30, -1e-30, 1.4523044e-5, -1.4523044e-5 };
        for (var x = -120.0; x <= 120.0; x += 0.0137)
        {
            values.Add(x);
        }

        for (var e = -20; e <= 0; e++)
        {
            values.Add(Math.Pow(3, e));
            values.Add(-0.61 * Math.Pow(2, e));
        }

        return values.ToArray();
    }

    [Fact]
    public void Float32FunctionsStayWithinBounds()
    {
        var exp = MaxErrors(Arguments(), x => MathF.Exp((float)x), v => VectorMath.Exp(v), relativeFloor: 1e-37);
        var tanh = MaxErrors(Arguments(), x => MathF.Tanh((float)x), v => VectorMath.Tanh(v), relativeFloor: 0);
        var sigmoid = MaxErrors(Arguments(), x => 1 / (1 + MathF.Exp(-(float)x)), v => VectorMath.Sigmoid(v), relativeFloor: 1e-37);

        Assert.True(exp.Relative <= 3e-7, $"exp relative error {exp.Relative:G3}");
        Assert.True(tanh.Relative <= 3e-7, $"tanh relative error {tanh.Relative:G3}");
        Assert.True(sigmoid.Relative <= 5e-7, $"sigmoid relative error {sigmoid.Relative:G3}");
    }

    [Fact]
    public void Float64FunctionsStayWithinBounds()
    {
        var exp = MaxErrors(Arguments(), Math.Exp, v => VectorMath.Exp(v), relativeFloor: 1e-300);
        var tanh = MaxErrors(Arguments(), Math.Tanh, v => VectorMath.Tanh(v), relativeFloor: 0);
        var sigmoid = MaxErrors(Arguments(), x => 1 / (1 + Math.Exp(-x)), v => VectorMath.Sigmoid(v), relativeFloor: 1e-300);

        Assert.True(exp.Relative <= 1e-15, $"exp relative error {exp.Relative:G3}");
        Assert.True(tanh.Relative <= 1e-15, $"tanh relative error {tanh.Relative:G3}");
        Assert.True(sigmoid.Relative <= 1e-15, $"sigmoid relative error {sigmoid.Relative:G3}");
    }

    /// <summary>
    /// Returns the largest relative error of <paramref name="vectorized"/> against <paramref name="reference"/>,
    /// counting only reference values of magnitude at least <paramref name="relativeFloor"/>.
    /// </summary>
    private static (double Relative, double Argument) MaxErrors<T>(double[] arguments, Func<double, T> reference, Func<Vector512<T>, Vector512<T>> vectorized, double relativeFloor)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var count = Vector512<T>.Count;
        var max = (Relative: 0.0, Argument: 0.0);
        var lanes = new T[count];
        for (var start = 0; start < arguments.Length; start += count)
        {
            for (var lane = 0; lane < count; lane++)
            {
                lanes[lane] = T.CreateChecked(arguments[Math.Min(start + lane, arguments.Length - 1)]);
            }

            var results = vectorized(Vector512.Create(lanes));
            for (var lane = 0; lane < count && start + lane < arguments.Length; lane++)
            {
                var argument = double.CreateChecked(lanes[lane]);
                var expected = double.CreateChecked(reference(argument));
                var actual = double.CreateChecked(results[lane]);
                if (Math.Abs(expected) < relativeFloor || (expected == 0 && actual == 0))
                {
                    continue;
                }

                var error = Math.Abs(actual - expected) / Math.Abs(expected);
                if (!(error <= max.Relative))
                {
                    max = (error, argument);
                }
            }
        }

        return max;
    }
}
