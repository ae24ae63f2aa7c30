using GateLang.Analysis;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Tests.Analysis;

/// <summary>Small analysed networks for the figure and report tests, each computed once.</summary>
internal static class ReportFixtures
{
    public static readonly AnalysisOptions FastOptions = new()
    {
        Trials = 60,
        Seed = 2,
        Recording = new RecordingOptions { KeptTrajectories = 10 },
        Perturbation = new PerturbationOptions { Iterations = 6, TestTrials = 6 },
    };

    private static readonly Lazy<NetworkAnalysisResult> SyntheticResult = new(() =>
        NetworkAnalysis.Run(SyntheticNetworks.Subject(4), FastOptions));

    private static readonly Lazy<NetworkAnalysisResult> NoisyResult = new(() =>
        NetworkAnalysis.Run(NoisySubject(4), FastOptions));

    /// <summary>The compiled S = 4 network, with its blocks.</summary>
    public static NetworkAnalysisResult Synthetic => SyntheticResult.Value;

    /// <summary>The same network with noise on every weight and no known blocks, standing in for a trained one.</summary>
    public static NetworkAnalysisResult Noisy => NoisyResult.Value;

    /// <summary>
    /// The compiled network with Gaussian noise (σ = 0.05) added to every recurrent weight and bias,
    /// generic labels and no blocks: the analyses must find its structure on their own.
    /// </summary>
    public static AnalysisSubject NoisySubject(int length)
    {
        var source = SyntheticNetworks.Subject(length).Weights;
        var weights = new GruWeights(source.InputSize, source.HiddenSize, source.OutputSize);
        var random = new TrialRandom(17);
        Copy(source.WeightIh.Data, weights.WeightIh.Data, random, 0);
        Copy(source.WeightHh.Data, weights.WeightHh.Data, random, 0.05);
        Copy(source.BiasIh, weights.BiasIh, random, 0);
        Copy(source.BiasHh, weights.BiasHh, random, 0.05);
        Copy(source.ReadoutWeight.Data, weights.ReadoutWeight.Data, random, 0);
        Copy(source.ReadoutBias, weights.ReadoutBias, random, 0);
        Copy(source.InitialState, weights.InitialState, random, 0);
        weights.OutputLabels = source.OutputLabels;
        weights.InputLabels = source.InputLabels;
        return new AnalysisSubject("noisy", "test", weights, SyntheticNetworks.Subject(length).Task, []);
    }

    private static void Copy(double[] source, double[] target, TrialRandom random, double sigma)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] + (sigma * random.NextGaussian());
        }
    }
}
