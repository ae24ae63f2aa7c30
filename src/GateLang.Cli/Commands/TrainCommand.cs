using System.CommandLine;
using GateLang.Cli.Training;

namespace GateLang.Cli.Commands;

/// <summary>
/// <c>gatelang train FILE</c>: train the network of a spec's <c>train</c> section with TorchSharp,
/// or continue a run with <c>--resume DIR</c>.
/// </summary>
/// <remarks>
/// This class builds only the command line. TorchSharp is touched once the command runs, so
/// the other commands work where libtorch is missing.
/// </remarks>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string?>("file")
        {
            Description = "The .gate spec whose network to train. With --resume it may be left out, because the run folder keeps the spec.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var network = new Option<string?>("--network") { Description = "Name of the network to train; needed when the spec declares several." };
        var output = new Option<string?>("--out") { Description = "Run folder for run.json, metrics.jsonl, checkpoint.safetensors and model.safetensors; defaults to runs/NETWORK." };
        var epochs = new Option<int?>("--epochs") { Description = "Number of epochs, replacing the train section's value. With --resume, a larger value continues a finished run." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint." };
        var threads = new Option<int?>("--threads") { Description = "libtorch CPU threads; defaults to the processor count, or with --resume to the count the run recorded." };
        var json = new Option<bool>("--json") { Description = "Print one JSON line per epoch, as in metrics.jsonl, instead of the progress display." };
        var benchmarkSteps = new Option<int?>("--benchmark-steps")
        {
            Description = "Instead of training, time this many bare forward, backward and Adam steps on one batch of the run's shapes (docs/training.md).",
            Hidden = true,
        };

        var command = new Command("train", "Train a network with TorchSharp as its train section specifies: Adam on the mean cross-entropy over every step of seeded VDCM trials.");
        command.Arguments.Add(file);
        command.Options.Add(network);
        command.Options.Add(output);
        command.Options.Add(epochs);
        command.Options.Add(resume);
        command.Options.Add(threads);
        command.Options.Add(json);
        command.Options.Add(benchmarkSteps);
        command.SetAction(parseResult => TrainRunner.Run(
            console,
            new TrainRequest(
                parseResult.GetValue(file),
                parseResult.GetValue(network),
                parseResult.GetValue(output),
                parseResult.GetValue(epochs),
                parseResult.GetValue(resume),
                parseResult.GetValue(threads),
                parseResult.GetValue(json),
                parseResult.GetValue(benchmarkSteps))));
        return command;
    }
}
