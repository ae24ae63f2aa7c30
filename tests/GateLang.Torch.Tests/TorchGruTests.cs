using TorchSharp;

namespace GateLang.Torch.Tests;

public class TorchGruTests
{
    [Theory]
    [InlineData(torch.ScalarType.Float32)]
    [InlineData(torch.ScalarType.Float64)]
    public void GruForwardBackwardRuns(torch.ScalarType dtype)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        using var gru = torch.nn.GRU(inputSize: 3, hiddenSize: 5, numLayers: 1, batchFirst: true, dtype: dtype);
        var input = torch.randn(new long[] { 4, 7, 3 }, dtype: dtype);

        var (output, finalHidden) = gru.forward(input);
        var loss = output.pow(2).mean();
        loss.backward();

        Assert.Equal(new long[] { 4, 7, 5 }, output.shape);
        Assert.Equal(new long[] { 1, 4, 5 }, finalHidden.shape);
        Assert.Equal(dtype, output.dtype);
        foreach (var (name, parameter) in gru.named_parameters())
        {
            var gradient = parameter.grad;
            Assert.NotNull(gradient);
            Assert.Equal(parameter.shape, gradient.shape);
            Assert.True(torch.isfinite(gradient).all().item<bool>(), $"gradient of {name} has a non-finite entry");
            Assert.True(gradient.abs().sum().ToDouble() > 0, $"gradient of {name} is all zero");
        }
    }
}
