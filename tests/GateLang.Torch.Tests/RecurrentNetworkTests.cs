using GateLang.Ir;
using TorchSharp;
using static TorchSharp.torch;

namespace GateLang.Torch.Tests;

[Collection(TorchStateCollection.Name)]
public class RecurrentNetworkTests
{
    public RecurrentNetworkTests()
    {
        TorchRuntime.EnsureLoaded();
    }

    [Theory]
    [InlineData(Architecture.Gru, "gru", 3)]
    [InlineData(Architecture.Lstm, "lstm", 4)]
    [InlineData(Architecture.Rnn, "rnn", 1)]
    public void ParameterNamesAndShapes(Architecture architecture, string prefix, int gates)
    {
        using var network = new RecurrentNetwork(architecture, inputSize: 4, hiddenSize: 5, outputSize: 3, ScalarType.Float32);

        var parameters = network.named_parameters().ToDictionary(pair => pair.name, pair => pair.parameter.shape);
        var expected = new Dictionary<string, long[]>
        {
            [$"{prefix}.weight_ih_l0"] = [gates * 5, 4],
            [$"{prefix}.weight_hh_l0"] = [gates * 5, 5],
            [$"{prefix}.bias_ih_l0"] = [gates * 5],
            [$"{prefix}.bias_hh_l0"] = [gates * 5],
            ["readout.weight"] = [3, 5],
            ["readout.bias"] = [3],
        };
        Assert.Equal(expected.Keys.Order(), parameters.Keys.Order());
        foreach (var (name, shape) in expected)
        {
            Assert.Equal(shape, parameters[name]);
        }

        var buffers = network.named_buffers().ToDictionary(pair => pair.name, pair => pair.buffer);
        string[] expectedBuffers = architecture == Architecture.Lstm ? ["c0", "h0"] : ["h0"];
        Assert.Equal(expectedBuffers, buffers.Keys.Order());
        Assert.Equal([5L], buffers["h0"].shape);
        Assert.Equal(0.0, buffers["h0"].abs().sum().ToDouble());
    }

    [Theory]
    [InlineData(Architecture.Gru)]
    [InlineData(Architecture.Lstm)]
    [InlineData(Architecture.Rnn)]
    public void ForwardGivesLogitsPerStep(Architecture architecture)
    {
        using var network = new RecurrentNetwork(architecture, 4, 5, 3, ScalarType.Float64);
        using var input = zeros(2, 7, 4, dtype: ScalarType.Float64);

        using var logits = network.call(input);
        using var hidden = network.HiddenStates(input);

        Assert.Equal([2L, 7, 3], logits.shape);
        Assert.Equal([2L, 7, 5], hidden.shape);
        Assert.Equal(ScalarType.Float64, logits.dtype);
    }

    [Fact]
    public void DefaultInitIsSeeded()
    {
        var training = TrainingDefinitionFactory.Default(8) with { Seed = 5 };
        var task = TestNetworks.TinyTask();

        using var first = RecurrentNetworkFactory.Create(task, training);
        using var second = RecurrentNetworkFactory.Create(task, training);
        using var other = RecurrentNetworkFactory.Create(task, training with { Seed = 6 });

        Assert.True(TensorBits.Equal(first.RecurrentWeight, second.RecurrentWeight), "same seed, different weights");
        Assert.False(TensorBits.Equal(first.RecurrentWeight, other.RecurrentWeight), "different seeds, same weights");
        var bound = 1 / Math.Sqrt(8);
        Assert.True(first.RecurrentWeight.abs().max().ToDouble() <= bound, "default init exceeds 1/sqrt(hidden)");
    }

    [Theory]
    [InlineData(Architecture.Gru)]
    [InlineData(Architecture.Lstm)]
    [InlineData(Architecture.Rnn)]
    public void OrthogonalInitMakesEachGateBlockOrthogonal(Architecture architecture)
    {
        var training = TrainingDefinitionFactory.Default(6) with { Architecture = architecture, Initialization = Initialization.Orthogonal, Float64 = true };

        using var network = RecurrentNetworkFactory.Create(TestNetworks.TinyTask(), training);

        var d = network.HiddenSize;
        for (var gate = 0; gate < network.GateCount; gate++)
        {
            using var block = network.RecurrentWeight.detach().narrow(0, gate * d, d);
            using var product = block.matmul(block.t());
            var error = product.sub(eye(d, dtype: ScalarType.Float64)).abs().max().ToDouble();
            Assert.True(error < 1e-12, $"gate block {gate}: max |Q Qᵀ − I| = {error}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GruWeightsRoundTripIsBitwise(bool float64)
    {
        var training = TrainingDefinitionFactory.Default(7) with { Float64 = float64 };
        using var network = RecurrentNetworkFactory.Create(TestNetworks.TinyTask(), training);

        var weights = network.ToGruWeights();
        using var copy = RecurrentNetwork.FromGruWeights(weights, network.Dtype);

        foreach (var ((name, original), (_, restored)) in network.named_parameters().Zip(copy.named_parameters()))
        {
            Assert.True(TensorBits.Equal(original, restored), $"{name} changed in the round trip");
        }
    }

    [Fact]
    public void SyntheticInitLoadsCompiledWeightsAndH0()
    {
        var compiled = TestNetworks.CompileBinary(4, "5..8");
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize) with { Initialization = Initialization.Synthetic, Float64 = true };

        using var network = RecurrentNetworkFactory.Create(compiled.Task, training, compiled);

        var weights = network.ToGruWeights();
        Assert.Equal(compiled.Weights.WeightHh.Data, weights.WeightHh.Data);
        Assert.Equal(compiled.Weights.ReadoutWeight.Data, weights.ReadoutWeight.Data);
        Assert.Equal(compiled.Weights.InitialState, weights.InitialState);
    }

    [Fact]
    public void SyntheticNoiseIsSeededAndSpareH0()
    {
        var compiled = TestNetworks.CompileBinary(4, "5..8");
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize) with
        {
            Initialization = Initialization.Synthetic,
            NoiseSigma = 0.1,
            Float64 = true,
        };

        using var first = RecurrentNetworkFactory.Create(compiled.Task, training, compiled);
        using var second = RecurrentNetworkFactory.Create(compiled.Task, training, compiled);

        var noisy = first.ToGruWeights();
        var deviations = noisy.WeightHh.Data.Zip(compiled.Weights.WeightHh.Data, (a, b) => a - b).ToArray();
        var deviation = Math.Sqrt(deviations.Select(x => x * x).Average());
        Assert.InRange(deviation, 0.08, 0.12);
        Assert.Equal(noisy.WeightHh.Data, second.ToGruWeights().WeightHh.Data);
        Assert.Equal(compiled.Weights.InitialState, noisy.InitialState);
    }

    [Fact]
    public void SyntheticInitRejectsLstm()
    {
        var compiled = TestNetworks.CompileBinary(4, "5..8");
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize) with
        {
            Initialization = Initialization.Synthetic,
            Architecture = Architecture.Lstm,
        };

        var exception = Assert.Throws<ArgumentException>(() => RecurrentNetworkFactory.Create(compiled.Task, training, compiled));

        Assert.Contains("arch = gru", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticInitRejectsOtherHiddenSize()
    {
        var compiled = TestNetworks.CompileBinary(4, "5..8");
        var training = TrainingDefinitionFactory.Default(compiled.Weights.HiddenSize + 1) with { Initialization = Initialization.Synthetic };

        var exception = Assert.Throws<ArgumentException>(() => RecurrentNetworkFactory.Create(compiled.Task, training, compiled));

        Assert.Contains($"hidden = {compiled.Weights.HiddenSize}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettingNamesKey()
    {
        var training = TrainingDefinitionFactory.Default(8) with { BatchSize = 0 };

        var exception = Assert.Throws<ArgumentException>(() => RecurrentNetworkFactory.Create(TestNetworks.TinyTask(), training));

        Assert.Equal("train setting batch = 0 is invalid; it must be at least 1.", exception.Message);
    }
}
