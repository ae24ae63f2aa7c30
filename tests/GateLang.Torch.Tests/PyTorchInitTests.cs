using System.Diagnostics;
using System.Text.Json;
using GateLang.Ir;

namespace GateLang.Torch.Tests;

/// <summary>
/// Default initialisation against PyTorch under /usr/bin/python3: the same seed must give the
/// same parameter values. Skipped when GATELANG_SKIP_PYTORCH is "1"; fails with install
/// instructions when python3 or torch is missing.
/// </summary>
[Collection(TorchStateCollection.Name)]
public class PyTorchInitTests
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys
        import torch
        arch, dtype, seed, inputs, hidden, outputs = sys.argv[1:]
        dt = {"f32": torch.float32, "f64": torch.float64}[dtype]
        torch.manual_seed(int(seed))
        cell = {"gru": torch.nn.GRU, "lstm": torch.nn.LSTM, "rnn": torch.nn.RNN}[arch](int(inputs), int(hidden), batch_first=True, dtype=dt)
        readout = torch.nn.Linear(int(hidden), int(outputs), dtype=dt)
        values = {f"{arch}.{k}": v.flatten().tolist() for k, v in cell.state_dict().items()}
        values.update({f"readout.{k}": v.flatten().tolist() for k, v in readout.state_dict().items()})
        print(json.dumps(values))
        """;

    public PyTorchInitTests()
    {
        TorchRuntime.EnsureLoaded();
    }

    [PyTorchTheory]
    [InlineData(Architecture.Gru, false)]
    [InlineData(Architecture.Gru, true)]
    [InlineData(Architecture.Lstm, false)]
    [InlineData(Architecture.Lstm, true)]
    [InlineData(Architecture.Rnn, false)]
    [InlineData(Architecture.Rnn, true)]
    public void DefaultInitMatchesPyTorch(Architecture architecture, bool float64)
    {
        var task = TestNetworks.TinyTask();
        var training = TrainingDefinitionFactory.Default(9) with { Architecture = architecture, Float64 = float64, Seed = 11 };
        using var network = RecurrentNetworkFactory.Create(task, training);

        var expected = RunPyTorch(RecurrentNetwork.CellNameOf(architecture), float64 ? "f64" : "f32", 11, task.InputSize, 9, task.OutputSize);

        var names = network.named_parameters().Select(pair => pair.name).ToList();
        Assert.Equal(expected.Keys.Order(), names.Order());
        foreach (var (name, parameter) in network.named_parameters())
        {
            Assert.True(TensorBits.Equal(expected[name], RecurrentNetwork.ReadValues(parameter)), $"{name} differs from PyTorch's");
        }
    }

    private static Dictionary<string, double[]> RunPyTorch(params object[] arguments)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} was not found. Install PyTorch with: apt-get install python3-torch (or set GATELANG_SKIP_PYTORCH=1 to skip the PyTorch tests).");
        }

        var startInfo = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture)!);
        }

        using var process = Process.Start(startInfo)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{Python} failed with exit code {process.ExitCode}: {error.Result.Trim()} Install PyTorch with: apt-get install python3-torch (or set GATELANG_SKIP_PYTORCH=1 to skip the PyTorch tests).");
        }

        return JsonSerializer.Deserialize<Dictionary<string, double[]>>(output)!;
    }
}

/// <summary>A theory that needs /usr/bin/python3 with torch; skipped when GATELANG_SKIP_PYTORCH is "1".</summary>
public sealed class PyTorchTheoryAttribute : TheoryAttribute
{
    public PyTorchTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable("GATELANG_SKIP_PYTORCH") == "1")
        {
            Skip = "GATELANG_SKIP_PYTORCH=1 is set, so PyTorch interop tests do not run.";
        }
    }
}
