using GateLang.Compilation;
using GateLang.Diagnostics;
using GateLang.Export;
using GateLang.Ir;
using GateLang.Semantics;
using GateLang.Torch.Training;

namespace GateLang.Torch.Tests;

/// <summary>Tasks, compiled networks and training jobs shared by the tests.</summary>
internal static class TestNetworks
{
    /// <summary>Compiles the binary copy-memory network for S = <paramref name="length"/> from spec text.</summary>
    public static CompiledNetwork CompileBinary(int length, string delay = "100..120")
    {
        var text = BinarySpec(length, delay);
        var result = SpecCompiler.CheckText(text, "binary.gate");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return NetworkCompiler.Compile(Assert.Single(result.Networks));
    }

    public static string BinarySpec(int length, string delay) => $$"""
        task copy { kind = vdcm  K = 2  S = {{length}}  T = {{delay}}  seed = 1 }
        network binary for copy {
            alpha = 10  beta = 3
            memory mem { size = S  ratio = 3  erase_gain = 2 }
            clock clk { size = S + 1 }
            switch sw { }
            readout = mem, clk, sw
        }
        """;

    public static TaskDefinition Task(int symbols, int length, int delayMin, int delayMax, int seed = 1) =>
        new("copy", TaskKind.Vdcm, symbols, length, delayMin, delayMax, seed, SourceLocation.None);

    /// <summary>A job for a network with only a train section.</summary>
    public static TrainingJob Job(TaskDefinition task, TrainingDefinition training) =>
        new(TrainingDefinitionFactory.TrainOnly("net", task, training), new SpecSource("test.gate", "// built in code by the tests"));

    /// <summary>Settings for a run that takes well under a second: hidden 12, 4 batches of 16 trials per epoch.</summary>
    public static TrainingDefinition Tiny(int epochs = 3) => TrainingDefinitionFactory.Default(12) with
    {
        BatchSize = 16,
        TrainTrials = 64,
        ValidationTrials = 32,
        Epochs = epochs,
        LearningRate = 1e-2,
        CheckpointEvery = 1,
    };

    /// <summary>K = 2, S = 2, delays 1 to 3: trials of 5 to 7 steps.</summary>
    public static TaskDefinition TinyTask() => Task(symbols: 2, length: 2, delayMin: 1, delayMax: 3);
}

/// <summary>A temporary folder deleted at the end of the test.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("gatelang-train-tests-").FullName;
    }

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder does not change any result.
        }
    }
}

/// <summary>Comparisons of tensor values bit for bit.</summary>
internal static class TensorBits
{
    /// <summary>Whether the tensors have the same shape and the same bits in every entry (float32 values are compared after exact widening).</summary>
    public static bool Equal(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && Equal(RecurrentNetwork.ReadValues(a), RecurrentNetwork.ReadValues(b));

    public static bool Equal(double[] a, double[] b) =>
        a.Length == b.Length && a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));
}
