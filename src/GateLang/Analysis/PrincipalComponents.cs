namespace GateLang.Analysis;

/// <summary>
/// A principal component analysis with a fixed sign for each component.
/// </summary>
/// <param name="Mean">The mean of the samples, one value per variable.</param>
/// <param name="Components">Unit loading vectors, by decreasing variance.</param>
/// <param name="Variances">The variance along each component (eigenvalues of the sample covariance, divisor n − 1).</param>
/// <param name="ExplainedVarianceRatio">Each variance over the total variance; 0 when the total is 0.</param>
/// <param name="Scores">The projection of each sample on each component, in the samples' original order: [sample][component].</param>
public sealed record PcaResult(
    IReadOnlyList<double> Mean,
    IReadOnlyList<IReadOnlyList<double>> Components,
    IReadOnlyList<double> Variances,
    IReadOnlyList<double> ExplainedVarianceRatio,
    IReadOnlyList<IReadOnlyList<double>> Scores);

/// <summary>
/// PCA by eigendecomposition of the sample covariance (cyclic Jacobi rotations).
/// </summary>
/// <remarks>
/// <para>
/// Sign rule: each component is flipped so that its loading of largest magnitude is positive.
/// Loadings within a relative 1e-9 of the largest count as tied, and the lowest variable index among
/// them decides.
/// </para>
/// <para>
/// Order independence: the samples are summed in lexicographic order of their values, so the
/// mean, the covariance and hence the components are bitwise the same for any order of the input.
/// The scores are returned in the input's order.
/// </para>
/// NOTE: when two variances are equal, the components that span their eigenspace are not unique,
/// and the sign rule cannot fix them; <see cref="ExplainedVarianceRatio"/> shows such ties.
/// </remarks>
public static class PrincipalComponents
{
    private const double TieTolerance = 1e-9;

    /// <param name="samples">One row per sample, all of the same length.</param>
    public static PcaResult Compute(IReadOnlyList<double[]> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("PCA needs at least one sample.", nameof(samples));
        }

        var variables = samples[0].Length;
        if (variables == 0 || samples.Any(s => s.Length != variables))
        {
            throw new ArgumentException("Every sample must have the same, non-zero number of variables.", nameof(samples));
        }

        var sorted = samples.OrderBy(s => s, LexicographicComparer.Instance).ToArray();
        var mean = new double[variables];
        foreach (var sample in sorted)
        {
            for (var j = 0; j < variables; j++)
            {
                mean[j] += sample[j];
            }
        }

        for (var j = 0; j < variables; j++)
        {
            mean[j] /= sorted.Length;
        }

        var covariance = new double[variables, variables];
        foreach (var sample in sorted)
        {
            for (var a = 0; a < variables; a++)
            {
                var da = sample[a] - mean[a];
                for (var b = a; b < variables; b++)
                {
                    covariance[a, b] += da * (sample[b] - mean[b]);
                }
            }
        }

        var divisor = Math.Max(1, sorted.Length - 1);
        for (var a = 0; a < variables; a++)
        {
            for (var b = a; b < variables; b++)
            {
                covariance[a, b] /= divisor;
                covariance[b, a] = covariance[a, b];
            }
        }

        var (values, vectors) = SymmetricEigen.Decompose(covariance);
        var order = Enumerable.Range(0, variables).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
        var components = new double[variables][];
        var variances = new double[variables];
        for (var c = 0; c < variables; c++)
        {
            var column = order[c];
            variances[c] = Math.Max(0, values[column]);
            var loading = new double[variables];
            for (var j = 0; j < variables; j++)
            {
                loading[j] = vectors[j, column];
            }

            FixSign(loading);
            components[c] = loading;
        }

        var total = variances.Sum();
        var ratios = variances.Select(v => total > 0 ? v / total : 0).ToArray();
        var scores = samples.Select(sample => Project(sample, mean, components)).ToArray();
        return new PcaResult(mean, components, variances, ratios, scores);
    }

    /// <summary>Flips <paramref name="loading"/> so that its first loading of largest magnitude is positive.</summary>
    internal static void FixSign(double[] loading)
    {
        var largest = loading.Max(Math.Abs);
        var pivot = Array.FindIndex(loading, v => Math.Abs(v) >= largest * (1 - TieTolerance));
        if (loading[pivot] < 0)
        {
            for (var j = 0; j < loading.Length; j++)
            {
                loading[j] = -loading[j];
            }
        }
    }

    private static IReadOnlyList<double> Project(double[] sample, double[] mean, double[][] components)
    {
        var scores = new double[components.Length];
        for (var c = 0; c < components.Length; c++)
        {
            double sum = 0;
            for (var j = 0; j < sample.Length; j++)
            {
                sum += (sample[j] - mean[j]) * components[c][j];
            }

            scores[c] = sum;
        }

        return scores;
    }

    private sealed class LexicographicComparer : IComparer<double[]>
    {
        public static readonly LexicographicComparer Instance = new();

        public int Compare(double[]? x, double[]? y)
        {
            for (var j = 0; j < x!.Length; j++)
            {
                var order = x[j].CompareTo(y![j]);
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }
    }
}

/// <summary>Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations.</summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>Returns the eigenvalues and a matrix whose column i is the unit eigenvector of value i.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double offDiagonal = 0;
            double diagonal = 0;
            for (var p = 0; p < n; p++)
            {
                diagonal += a[p, p] * a[p, p];
                for (var q = p + 1; q < n; q++)
                {
                    offDiagonal += a[p, q] * a[p, q];
                }
            }

            if (offDiagonal <= 1e-30 * Math.Max(diagonal, double.Epsilon))
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] != 0)
                    {
                        Rotate(a, v, p, q);
                    }
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        return (values, v);
    }

    /// <summary>
    /// Zeroes a[p, q] with one Jacobi rotation A ← JᵀAJ and accumulates it into v: with
    /// τ = (a_qq − a_pp) / 2a_pq, t = sign(τ) / (|τ| + √(1 + τ²)), c = 1 / √(1 + t²) and s = tc, the
    /// smaller of the two rotation angles that zero a[p, q].
    /// </summary>
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        var n = a.GetLength(0);
        var tau = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        var t = Math.Sign(tau) == 0 ? 1.0 : Math.Sign(tau) / (Math.Abs(tau) + Math.Sqrt(1 + (tau * tau)));
        var c = 1 / Math.Sqrt(1 + (t * t));
        var s = t * c;

        for (var k = 0; k < n; k++)
        {
            var akp = a[k, p];
            var akq = a[k, q];
            a[k, p] = (c * akp) - (s * akq);
            a[k, q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[p, k];
            var aqk = a[q, k];
            a[p, k] = (c * apk) - (s * aqk);
            a[q, k] = (s * apk) + (c * aqk);
        }

        for (var k = 0; k < n; k++)
        {
            var vkp = v[k, p];
            var vkq = v[k, q];
            v[k, p] = (c * vkp) - (s * vkq);
            v[k, q] = (s * vkp) + (c * vkq);
        }
    }
}
