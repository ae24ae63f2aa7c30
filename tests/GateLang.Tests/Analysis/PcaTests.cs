using GateLang.Analysis;
using GateLang.Tasks;

namespace GateLang.Tests.Analysis;

public class PcaTests
{
    [Fact]
    public void SignRuleMakesLargestLoadingPositive()
    {
        var samples = Line(direction: [-0.6, 0.8, 0], count: 50);

        var pca = PrincipalComponents.Compute(samples);

        Assert.Equal(0.6, Math.Abs(pca.Components[0][0]), 1e-9);
        Assert.Equal(0.8, pca.Components[0][1], 1e-9);
        Assert.True(pca.Components[0][0] < 0);
    }

    [Fact]
    public void NegatedDataGivesSameComponents()
    {
        var samples = Random(count: 200, variables: 4, seed: 5);
        var negated = samples.Select(s => s.Select(v => -v).ToArray()).ToArray();

        var pca = PrincipalComponents.Compute(samples);
        var pcaNegated = PrincipalComponents.Compute(negated);

        // Negation reverses the summation order, so the loadings agree to rounding, with the same sign.
        for (var c = 0; c < 4; c++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(pca.Components[c][j], pcaNegated.Components[c][j], 1e-12);
            }
        }
    }

    [Fact]
    public void TieBrokenByLowestIndex()
    {
        double[] loading = [0.5, -0.5, 0.5, -0.5];
        double[] flipped = [-0.5, 0.5, -0.5, 0.5];

        PrincipalComponents.FixSign(loading);
        PrincipalComponents.FixSign(flipped);

        Assert.Equal([0.5, -0.5, 0.5, -0.5], loading);
        Assert.Equal([0.5, -0.5, 0.5, -0.5], flipped);
    }

    [Fact]
    public void ComponentsDiagonalizeCovariance()
    {
        var samples = Random(count: 300, variables: 5, seed: 11);

        var pca = PrincipalComponents.Compute(samples);

        // Each component v satisfies C v = λ v, and the components are orthonormal.
        var covariance = Covariance(samples);
        for (var c = 0; c < 5; c++)
        {
            var v = pca.Components[c].ToArray();
            for (var a = 0; a < 5; a++)
            {
                var cv = Enumerable.Range(0, 5).Sum(b => covariance[a, b] * v[b]);
                Assert.Equal(pca.Variances[c] * v[a], cv, 1e-10);
            }

            for (var other = 0; other < 5; other++)
            {
                var dot = Enumerable.Range(0, 5).Sum(j => v[j] * pca.Components[other][j]);
                Assert.Equal(c == other ? 1.0 : 0.0, dot, 1e-10);
            }
        }

        Assert.True(pca.Variances.Zip(pca.Variances.Skip(1)).All(pair => pair.First >= pair.Second));
        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 1e-12);
    }

    [Fact]
    public void ShuffledTrialsGiveSamePca()
    {
        var subject = SyntheticNetworks.Subject(5);
        var trials = new TrialGenerator(subject.Task, 9).Take(120).ToList();
        var shuffled = trials.Select((t, i) => (Trial: t, Key: (i * 37) % 120)).OrderBy(p => p.Key).Select(p => p.Trial).ToList();
        var memory = SyntheticNetworks.Neurons(SyntheticNetworks.Block(subject, "memory"));

        var pca = TunedNeuronPca.Analyze(NetworkRecorder.Record(subject.Weights, subject.Task, trials), memory, step: 2).Pca!;
        var pcaShuffled = TunedNeuronPca.Analyze(NetworkRecorder.Record(subject.Weights, subject.Task, shuffled), memory, step: 2).Pca!;

        for (var c = 0; c < memory.Length; c++)
        {
            Assert.Equal(pca.Components[c], pcaShuffled.Components[c]);
        }

        Assert.Equal(pca.Variances, pcaShuffled.Variances);
        for (var i = 0; i < trials.Count; i++)
        {
            var j = shuffled.IndexOf(trials[i]);
            Assert.Equal(pca.Scores[i], pcaShuffled.Scores[j]);
        }
    }

    [Fact]
    public void TunedNeuronSeparatesSymbols()
    {
        // The one neuron tuned to step q is mem[q]; PC1 is that neuron with a positive loading, so
        // trials with A (stored as +) score above trials with B.
        var subject = SyntheticNetworks.Subject(4);
        var recording = SyntheticNetworks.Record(subject, trials: 100);
        var map = PerturbationMap.Run(subject.Weights, subject.Task, new PerturbationOptions { Iterations = 5, TestTrials = 5 });
        var blocks = BlockStructure.Build(map);

        var result = TunedNeuronPca.Analyze(recording, blocks, step: 1);

        Assert.Equal([SyntheticNetworks.Memory(subject, 1)], result.Neurons);
        Assert.Equal([1.0], result.Pca!.Components[0]);
        for (var i = 0; i < recording.Trials.Count; i++)
        {
            Assert.Equal(result.SymbolAtStep[i] == 0, result.Pca.Scores[i][0] > 0);
        }
    }

    private static double[][] Line(double[] direction, int count) =>
        Enumerable.Range(0, count).Select(i => direction.Select(v => v * (i - (count / 2.0))).ToArray()).ToArray();

    private static double[][] Random(int count, int variables, long seed)
    {
        var random = new TrialRandom(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, variables).Select(j => random.NextGaussian() * (j + 1)).ToArray())
            .ToArray();
    }

    private static double[,] Covariance(double[][] samples)
    {
        var n = samples[0].Length;
        var mean = Enumerable.Range(0, n).Select(j => samples.Average(s => s[j])).ToArray();
        var covariance = new double[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                covariance[a, b] = samples.Sum(s => (s[a] - mean[a]) * (s[b] - mean[b])) / (samples.Length - 1);
            }
        }

        return covariance;
    }
}
