using System.Diagnostics;
using System.Reflection;

namespace GateLang.Torch.Tests.Training;

/// <summary>Runs the gatelang command in child processes and kills one with SIGKILL.</summary>
[Collection(TorchStateCollection.Name)]
public class ProcessKillTests
{
    private const string Spec = """
        task copy { kind = vdcm  K = 3  S = 3  T = 2..6  seed = 7 }
        network killed for copy {
            train {
                hidden = 24
                lr = 3e-3
                batch = 16
                epochs = 4
                train_trials = 512
                validation_trials = 64
                checkpoint_every = 1
                seed = 3
            }
        }
        """;

    [LinuxFact]
    public void KilledProcessResumesToSameBytes()
    {
        using var folder = new TemporaryDirectory();
        var spec = folder.Combine("killed.gate");
        File.WriteAllText(spec, Spec);
        var uninterrupted = folder.Combine("uninterrupted");
        var interrupted = folder.Combine("interrupted");

        var straight = RunToEnd("train", spec, "--out", uninterrupted, "--threads", "1", "--json");
        var killedAtEpoch = RunAndKill(spec, interrupted, killAfterEpoch: 2);
        var resumed = RunToEnd("train", "--resume", interrupted, "--json");

        Assert.True(straight.ExitCode == 0, straight.Error);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(2, killedAtEpoch);
        Assert.Contains("resuming network killed at epoch", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(uninterrupted, "model.safetensors")),
            File.ReadAllBytes(Path.Combine(interrupted, "model.safetensors")));
    }

    [Fact]
    public void TrainWithoutTrainSectionFails()
    {
        using var folder = new TemporaryDirectory();
        var spec = folder.Combine("compiled.gate");
        File.WriteAllText(spec, TestNetworks.BinarySpec(2, "3..5"));

        var result = RunToEnd("train", spec, "--out", folder.Combine("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: network 'binary' in {spec} has no train section, so there is nothing to train; add one such as 'train {{ hidden = 64  epochs = 50 }}' (docs/training.md lists the settings).", result.Error.Trim());
        Assert.False(Directory.Exists(folder.Combine("run")), "a run folder was created for a failed command");
    }

    [Fact]
    public void EvalScoresRunFolder()
    {
        using var folder = new TemporaryDirectory();
        var spec = folder.Combine("tiny.gate");
        File.WriteAllText(spec, Spec.Replace("epochs = 4", "epochs = 1", StringComparison.Ordinal));
        var run = folder.Combine("run");
        var train = RunToEnd("train", spec, "--out", run, "--threads", "1");

        var eval = RunToEnd("eval", run, "--trials", "50", "--precision", "f64");

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.StartsWith("network killed on task copy (vdcm, K = 3, S = 3, T = 2..6), 50 trials, seed 7", eval.Output, StringComparison.Ordinal);
    }

    /// <summary>Starts a run, kills it with SIGKILL once the JSON line of <paramref name="killAfterEpoch"/> is printed, and returns that epoch.</summary>
    private static int RunAndKill(string spec, string runDirectory, int killAfterEpoch)
    {
        using var process = Process.Start(StartInfo("train", spec, "--out", runDirectory, "--threads", "1", "--json"))!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var epoch = document.RootElement.GetProperty("epoch").GetInt32();
            if (epoch == killAfterEpoch)
            {
                // Process.Kill sends SIGKILL on Linux: no handler runs and nothing is flushed.
                process.Kill();
                process.WaitForExit();
                return epoch;
            }
        }

        process.WaitForExit();
        throw new InvalidOperationException($"gatelang train ended (exit code {process.ExitCode}) before epoch {killAfterEpoch}.");
    }

    private static (int ExitCode, string Output, string Error) RunToEnd(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var cli = typeof(ProcessKillTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "GateLangCli").Value!;
        if (!File.Exists(cli))
        {
            throw new FileNotFoundException($"The gatelang build {cli} is missing; build src/GateLang.Cli in the same configuration as the tests.", cli);
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
