using GateLang.Model;
using GateLang.Simulation;

namespace GateLang.Tests.Simulation;

public class GruSimulatorTests
{
    /// <summary>
    /// A one-unit GRU with input size 2, every parameter distinct, so a swapped gate, a bias in
    /// the wrong place or a missing reset factor changes the result.
    /// </summary>
    private static GruWeights OneUnit()
    {
        var w = new GruWeights(inputSize: 2, hiddenSize: 1, outputSize: 2);
        // Rows: r, z, n. Columns: input 0, input 1.
        w.WeightIh[0, 0] = 0.5; w.WeightIh[0, 1] = -0.25;
        w.WeightIh[1, 0] = -1.0; w.WeightIh[1, 1] = 0.75;
        w.WeightIh[2, 0] = 2.0; w.WeightIh[2, 1] = -1.5;
        w.WeightHh[0, 0] = 0.3;
        w.WeightHh[1, 0] = -0.6;
        w.WeightHh[2, 0] = 1.2;
        w.BiasIh[0] = 0.1; w.BiasIh[1] = 0.2; w.BiasIh[2] = -0.3;
        w.BiasHh[0] = -0.05; w.BiasHh[1] = 0.15; w.BiasHh[2] = 0.4;
        w.ReadoutWeight[0, 0] = 2.0; w.ReadoutWeight[1, 0] = -1.0;
        w.ReadoutBias[0] = 0.5; w.ReadoutBias[1] = 0.25;
        w.InitialState[0] = 0.2;
        return w;
    }

    /// <summary>One step computed by hand from the torch.nn.GRU equations, for input 0 and h = 0.2.</summary>
    private static (double R, double Z, double H) HandStep()
    {
        const double h = 0.2;
        var r = 1 / (1 + Math.Exp(-(0.5 + 0.1 + 0.3 * h - 0.05)));
        var z = 1 / (1 + Math.Exp(-(-1.0 + 0.2 - 0.6 * h + 0.15)));
        var n = Math.Tanh(2.0 - 0.3 + r * (1.2 * h + 0.4));
        return (r, z, (1 - z) * n + z * h);
    }

    [Fact]
    public void StepMatchesHandComputationInFloat64()
    {
        var simulator = new GruSimulator<double>(OneUnit());
        var state = new double[1];
        simulator.CopyInitialState(state);
        var reset = new double[1];
        var update = new double[1];

        simulator.Step(state, input: 0, new double[6], reset, update);

        var expected = HandStep();
        Assert.Equal(expected.R, reset[0], 15);
        Assert.Equal(expected.Z, update[0], 15);
        Assert.Equal(expected.H, state[0], 15);
    }

    [Fact]
    public void StepMatchesHandComputationInFloat32()
    {
        var simulator = new GruSimulator<float>(OneUnit());
        var state = new float[1];
        simulator.CopyInitialState(state);

        simulator.Step(state, input: 0, new float[6]);

        Assert.Equal(HandStep().H, state[0], 6);
    }

    [Fact]
    public void ReadoutAppliesWeightAndBias()
    {
        var simulator = new GruSimulator<double>(OneUnit());
        var logits = new double[2];

        simulator.Readout([0.5], logits);

        Assert.Equal(2.0 * 0.5 + 0.5, logits[0], 15);
        Assert.Equal(-1.0 * 0.5 + 0.25, logits[1], 15);
    }

    [Fact]
    public void CandidateHiddenBiasIsScaledByResetGate()
    {
        // Only b_hn is non-zero, and the reset gate is σ(0) = 1/2: n = tanh(b_hn / 2).
        // The same value in b_in would give tanh(b_in).
        var w = new GruWeights(1, 1, 1);
        w.BiasHh[2] = 1.0;
        var state = new double[1];

        new GruSimulator<double>(w).Step(state, 0, new double[6]);

        // z = σ(0) = 1/2 and h0 = 0, so h1 = n / 2.
        Assert.Equal(Math.Tanh(0.5) / 2, state[0], 15);
    }

    [Fact]
    public void StepRejectsInputOutsideRange()
    {
        var simulator = new GruSimulator<double>(OneUnit());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => simulator.Step(new double[1], 2, new double[6]));

        Assert.Contains("Input index 2", error.Message);
    }

    [Fact]
    public void ScoreStepGivesMarginAndCrossEntropy()
    {
        double[] logits = [1.0, 3.0, 2.5];

        var (output, margin, crossEntropy) = Evaluator.ScoreStep<double>(logits, target: 1);

        Assert.Equal(1, output);
        Assert.Equal(0.5, margin, 12);
        var expected = -Math.Log(Math.Exp(3.0) / (Math.Exp(1.0) + Math.Exp(3.0) + Math.Exp(2.5)));
        Assert.Equal(expected, crossEntropy, 12);
    }

    [Fact]
    public void ScoreStepMarginIsNegativeWhenWrong()
    {
        double[] logits = [1.0, 3.0, 2.5];

        var (output, margin, _) = Evaluator.ScoreStep<double>(logits, target: 2);

        Assert.Equal(1, output);
        Assert.Equal(-0.5, margin, 12);
    }

    [Fact]
    public void ScoreStepBreaksTiesTowardsLowestIndex()
    {
        double[] logits = [2.0, 2.0, 1.0];

        var (output, _, _) = Evaluator.ScoreStep<double>(logits, target: 1);

        Assert.Equal(0, output);
    }
}
