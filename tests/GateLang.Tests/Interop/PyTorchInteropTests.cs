using System.Globalization;
using System.Text.Json;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Tests.TestSupport;
using Xunit.Abstractions;

namespace GateLang.Tests.Interop;

/// <summary>
/// Exports the S = 10 binary network, runs it in torch.nn.GRU through tests/interop/check_torch.py,
/// and checks that torch's argmax equals GateLang's simulator at every step of 200 trials.
/// </summary>
public sealed class PyTorchInteropTests : IDisposable
{
    private const int Length = 10;
    private const int TrialCount = 200;
    private const double Float64LogitTolerance = 1e-9;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private readonly ITestOutputHelper _output;
    private readonly TemporaryDirectory _directory = new();

    public PyTorchInteropTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _directory.Dispose();

    [PyTorchFact]
    public void F64ExportMatchesTorch()
    {
        PythonRunner.RequireTorch();
        var network = BinaryCopyNetworks.Compile(Length);
        var trials = WriteTrials(network, out var steps);

        var result = RunCheck(network, SafetensorsDtype.F64, trials, Float64LogitTolerance);

        Assert.True(result.Process.ExitCode == 0, result.Process.ToString());
        Assert.Equal(TrialCount, result.Float64.GetProperty("trials").GetInt32());
        Assert.Equal(steps, result.Float64.GetProperty("steps").GetInt64());
        Assert.Equal(0, result.Float64.GetProperty("argmax_mismatches").GetInt64());
        Assert.Equal(0, result.Float32.GetProperty("argmax_mismatches").GetInt64());
        var logitDifference = result.Float64.GetProperty("max_abs_logit_diff").GetDouble();
        Assert.True(logitDifference <= Float64LogitTolerance, $"float64 logits differ by up to {logitDifference:e3}, more than {Float64LogitTolerance:e0}.");
    }

    [PyTorchFact]
    public void F32ExportMatchesTorch()
    {
        PythonRunner.RequireTorch();
        var network = BinaryCopyNetworks.Compile(Length);
        var trials = WriteTrials(network, out var steps);

        var result = RunCheck(network, SafetensorsDtype.F32, trials, logitTolerance: null);

        Assert.True(result.Process.ExitCode == 0, result.Process.ToString());
        Assert.Equal(steps, result.Float64.GetProperty("steps").GetInt64());
        Assert.Equal(0, result.Float64.GetProperty("argmax_mismatches").GetInt64());
        Assert.Equal(0, result.Float32.GetProperty("argmax_mismatches").GetInt64());
    }

    [PyTorchFact]
    public void ChangedExpectationIsReported()
    {
        PythonRunner.RequireTorch();
        var network = BinaryCopyNetworks.Compile(Length);
        var trials = WriteTrials(network, out _, tamperTrial: 3, tamperStep: 125);

        var result = RunCheck(network, SafetensorsDtype.F64, trials, Float64LogitTolerance);

        Assert.True(result.Process.ExitCode == 1, result.Process.ToString());
        Assert.Equal(1, result.Float64.GetProperty("argmax_mismatches").GetInt64());
        var mismatch = result.Float64.GetProperty("first_mismatch");
        Assert.Equal(3, mismatch.GetProperty("trial").GetInt32());
        Assert.Equal(125, mismatch.GetProperty("step").GetInt32());
        Assert.Contains("float64: first mismatch:", result.Process.Output, StringComparison.Ordinal);
    }

    [PyTorchFact]
    public void TruncatedExportIsRejected()
    {
        PythonRunner.RequireTorch();
        var network = BinaryCopyNetworks.Compile(Length);
        var trials = WriteTrials(network, out _);
        var model = _directory.File("truncated.safetensors");
        var bytes = SafetensorsWriter.SerializeNetwork(network, Spec(), SafetensorsDtype.F64);
        File.WriteAllBytes(model, bytes[..^100]);

        var process = PythonRunner.Run(ScriptTimeout, PythonRunner.CheckScript, model, trials);

        Assert.True(process.ExitCode == 2, process.ToString());
        Assert.Contains($"{model}: the file is truncated", process.Error, StringComparison.Ordinal);
    }

    [PyTorchFact]
    public void ParityExampleMatchesTorch() => CheckExampleInTorch("parity-s10.gate");

    [PyTorchFact]
    public void TranslateExampleMatchesTorch() => CheckExampleInTorch("translate-s10.gate");

    [PyTorchFact]
    public void CopyEightExampleMatchesTorch() => CheckExampleInTorch("vdcm-k8-s10.gate");

    /// <summary>
    /// Exports an example of the block library in float32 and float64 and checks that torch's
    /// argmax equals GateLang's and the task's target at every step of 200 trials.
    /// </summary>
    private void CheckExampleInTorch(string example)
    {
        PythonRunner.RequireTorch();
        var spec = GateLang.Semantics.SpecCompiler.Check(Path.Combine(RepositoryPaths.Root, "examples", example));
        Assert.False(spec.HasErrors, string.Join("\n", spec.Diagnostics));
        var network = NetworkCompiler.Compile(Assert.Single(spec.Networks));
        var trials = WriteTrials(network, out var steps);

        foreach (var dtype in new[] { SafetensorsDtype.F64, SafetensorsDtype.F32 })
        {
            var result = RunCheck(network, dtype, trials, dtype == SafetensorsDtype.F64 ? Float64LogitTolerance : null);

            Assert.True(result.Process.ExitCode == 0, result.Process.ToString());
            Assert.Equal(steps, result.Float64.GetProperty("steps").GetInt64());
            Assert.Equal(0, result.Float64.GetProperty("argmax_mismatches").GetInt64());
            Assert.Equal(0, result.Float32.GetProperty("argmax_mismatches").GetInt64());
            Assert.Equal(0, result.Float64.GetProperty("target_mismatches").GetInt64());
            Assert.Equal(0, result.Float32.GetProperty("target_mismatches").GetInt64());
        }

        var accuracy = Evaluator.Evaluate(network.Weights, network.Task, new TrialGenerator(network.Task, network.Task.Seed).Take(TrialCount), Precision.Float64);
        Assert.Equal(1.0, accuracy.ExactSequenceAccuracy);
    }

    private static SpecSource Spec() => new("binary10.gate", BinaryCopyNetworks.SpecText(Length));

    /// <summary>Exports <paramref name="network"/> in <paramref name="dtype"/> and runs check_torch.py on it and <paramref name="trials"/>.</summary>
    private CheckResult RunCheck(CompiledNetwork network, SafetensorsDtype dtype, string trials, double? logitTolerance)
    {
        var model = _directory.File($"binary10-{dtype}.safetensors");
        var resultPath = _directory.File($"result-{dtype}.json");
        SafetensorsWriter.WriteNetwork(model, network, Spec(), dtype);

        List<string> arguments = [PythonRunner.CheckScript, model, trials, "--result", resultPath];
        if (logitTolerance is { } tolerance)
        {
            arguments.AddRange(["--logit-tolerance", tolerance.ToString("R", CultureInfo.InvariantCulture)]);
        }

        var process = PythonRunner.Run(ScriptTimeout, [.. arguments]);
        _output.WriteLine(process.ToString());
        Assert.True(File.Exists(resultPath), $"check_torch.py wrote no result file.\n{process}");

        using var result = JsonDocument.Parse(File.ReadAllText(resultPath));
        return new CheckResult(process, result.RootElement.GetProperty("float64").Clone(), result.RootElement.GetProperty("float32").Clone());
    }

    /// <summary>
    /// Writes the task's first 200 seeded trials with GateLang's float64 logits and argmax classes
    /// and its float32 argmax classes, optionally changing one expected class to test the check.
    /// </summary>
    private string WriteTrials(CompiledNetwork network, out long steps, int tamperTrial = -1, int tamperStep = -1)
    {
        var path = _directory.File("trials.json");
        var task = network.Task;
        var simulator64 = new GruSimulator<double>(network.Weights);
        var simulator32 = new GruSimulator<float>(network.Weights);
        var d = network.Weights.HiddenSize;
        var classes = network.Weights.OutputSize;
        steps = 0;

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("trials");
        var trialIndex = 0;
        foreach (var trial in new TrialGenerator(task, task.Seed).Take(TrialCount))
        {
            var length = VdcmLayout.TrialLength(trial);
            var inputs = new int[length];
            var targets = new int[length];
            VdcmLayout.Fill(trial, task.Symbols, inputs, targets);

            var state64 = new double[d];
            var scratch64 = new double[6 * d];
            var logits64 = new double[classes];
            var state32 = new float[d];
            var scratch32 = new float[6 * d];
            var logits32 = new float[classes];
            simulator64.CopyInitialState(state64);
            simulator32.CopyInitialState(state32);

            var expected = new int[length];
            var expected32 = new int[length];
            var logits = new double[length][];
            for (var t = 0; t < length; t++)
            {
                simulator64.Step(state64, inputs[t], scratch64);
                simulator64.Readout(state64, logits64);
                simulator32.Step(state32, inputs[t], scratch32);
                simulator32.Readout(state32, logits32);
                expected[t] = Evaluator.ScoreStep<double>(logits64, targets[t]).Output;
                expected32[t] = Evaluator.ScoreStep<float>(logits32, targets[t]).Output;
                logits[t] = logits64.ToArray();
            }

            if (trialIndex == tamperTrial)
            {
                expected[tamperStep] = (expected[tamperStep] + 1) % classes;
            }

            json.WriteStartObject();
            WriteArray(json, "inputs", inputs);
            WriteArray(json, "targets", targets);
            WriteArray(json, "expected", expected);
            WriteArray(json, "expected_float32", expected32);
            json.WriteStartArray("logits");
            foreach (var step in logits)
            {
                json.WriteStartArray();
                foreach (var value in step)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            steps += length;
            trialIndex++;
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return path;
    }

    private static void WriteArray(Utf8JsonWriter json, string name, int[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private sealed record CheckResult(ProcessResult Process, JsonElement Float64, JsonElement Float32);
}
