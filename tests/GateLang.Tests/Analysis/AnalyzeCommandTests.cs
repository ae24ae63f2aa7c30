using System.Text.Json;
using GateLang.Cli;
using GateLang.Export;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Analysis;

public class AnalyzeCommandTests
{
    private const string Spec = """
        task copy4 { kind = vdcm  K = 2  S = 4  T = 5..9  seed = 3 }
        network first4 for copy4 {
            alpha = 10  beta = 3
            memory mem { size = S  ratio = 3 }
            clock clk { size = S + 1 }
            switch sw { }
            readout = mem, clk, sw
        }
        network second4 for copy4 {
            alpha = 10  beta = 3
            memory mem { size = S  ratio = 3  erase_gain = 1 }
            clock clk { size = S + 1 }
            switch sw { }
            readout = mem, clk, sw
        }
        """;

    private static readonly string[] Fast = ["--trials", "40", "--plot-trials", "5", "--map-iterations", "4", "--map-trials", "4"];

    [Fact]
    public void AnalyzeWritesReport()
    {
        using var folder = new TemporaryDirectory();
        var spec = WriteSpec(folder);
        var output = folder.File("out");

        var (exitCode, stdout, stderr) = Run(["analyze", spec, "-o", output, .. Fast]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("first4: per-step accuracy 1.0000, exact-sequence accuracy 1.0000, 4 memory neurons, 4 first-reset steps", stdout);
        Assert.Contains("analysing the first, 'first4'", stderr);
        Assert.Contains("first4: recorded 40/40 trials", stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        Assert.Equal(3, json.RootElement.GetProperty("networks")[0].GetProperty("trialSet").GetProperty("seed").GetInt64());
        Assert.True(File.Exists(Path.Combine(output, "figures", "reset-staircase.png")));
    }

    [Fact]
    public void NetworkSuffixSelectsNetwork()
    {
        using var folder = new TemporaryDirectory();
        var spec = WriteSpec(folder);

        var (exitCode, stdout, stderr) = Run(["analyze", spec + ":second4", "-o", folder.File("out"), "--no-map", .. Fast]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.StartsWith("second4:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("analysing the first", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportedNetworkLoads()
    {
        using var folder = new TemporaryDirectory();
        var network = BinaryCopyNetworks.Compile(4, delayMin: 5, delayMax: 9);
        var path = folder.File("binary4.safetensors");
        SafetensorsWriter.WriteNetwork(path, network, new SpecSource("binary4.gate", BinaryCopyNetworks.SpecText(4)));

        var (exitCode, stdout, _) = Run(["analyze", path, "-o", folder.File("out"), .. Fast]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("4 memory neurons", stdout, StringComparison.Ordinal);
        var markdown = File.ReadAllText(folder.File("out/report.md"));
        Assert.Contains("Blocks: mem (memory, h0..h3)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void RunFolderLoadsWithMetrics()
    {
        using var folder = new TemporaryDirectory();
        var run = Directory.CreateDirectory(folder.File("run")).FullName;
        var network = BinaryCopyNetworks.Compile(4, delayMin: 5, delayMax: 9);
        SafetensorsWriter.WriteNetwork(Path.Combine(run, "model.safetensors"), network, new SpecSource("binary4.gate", BinaryCopyNetworks.SpecText(4)));
        File.WriteAllText(Path.Combine(run, "metrics.jsonl"), "{\"epoch\": 0, \"validation_loss\": 0.9}\n{\"epoch\": 1, \"train_loss\": 0.5, \"validation_loss\": 0.4}\n");

        var (exitCode, _, _) = Run(["analyze", run, "-o", folder.File("out"), "--no-map", .. Fast]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.True(File.Exists(folder.File("out/figures/training-curves.png")));
        Assert.Contains("(export)", File.ReadAllText(folder.File("out/report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void CompareWritesSideBySide()
    {
        using var folder = new TemporaryDirectory();
        var spec = WriteSpec(folder);
        var output = folder.File("cmp");

        var (exitCode, stdout, _) = Run(["compare", spec + ":first4", spec + ":second4", "-o", output, .. Fast]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("second4: per-step accuracy", stdout, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| network | first4 | second4 |", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "figures", "b-perturbation-map.svg")));
    }

    [Fact]
    public void CompareRejectsDifferentTasks()
    {
        using var folder = new TemporaryDirectory();
        var spec = WriteSpec(folder);
        var output = folder.File("cmp");

        var (exitCode, _, stderr) = Run(["compare", spec, Path.Combine(RepositoryPaths.Root, "examples", "vdcm-binary-s2.gate"), "-o", output, .. Fast]);

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Contains("the networks solve different tasks", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--pca-step", "4", "--pca-step 4 is outside the encoding steps 0..3")]
    [InlineData("--reset-threshold", "1.5", "--reset-threshold must be in [0, 1], got 1.5.")]
    [InlineData("--neurons", "mem[7]", "--neurons: 'mem[7]' is not a neuron of first4")]
    [InlineData("--memory-min-std", "-1", "--memory-min-std must be at least 0, got -1.")]
    [InlineData("--map-max-neurons", "0", "--map-start-neurons 1 and --map-max-neurons 0 are not valid")]
    [InlineData("--delay", "9..5", "--delay 9..5 is not valid")]
    public void InvalidOptionWritesNothing(string option, string value, string message)
    {
        using var folder = new TemporaryDirectory();
        var spec = WriteSpec(folder);
        var output = folder.File("out");

        var (exitCode, _, stderr) = Run(["analyze", spec, "-o", output, option, value, .. Fast]);

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void MissingFileIsUserError()
    {
        using var folder = new TemporaryDirectory();

        var (exitCode, _, stderr) = Run(["analyze", folder.File("missing.gate"), "-o", folder.File("out")]);

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Contains("missing.gate", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void DamagedExportIsUserError()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("broken.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        var (exitCode, _, stderr) = Run(["analyze", path, "-o", folder.File("out")]);

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Contains("broken.safetensors: the file is truncated", stderr, StringComparison.Ordinal);
    }

    private static string WriteSpec(TemporaryDirectory folder)
    {
        var path = folder.File("copy4.gate");
        File.WriteAllText(path, Spec);
        return path;
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = GateLangApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
