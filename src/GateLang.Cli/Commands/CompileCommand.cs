using System.CommandLine;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.IO;

namespace GateLang.Cli.Commands;

/// <summary>
/// <c>gatelang compile FILE</c>: lower networks to weights and write, per network, a
/// safetensors file and a labelled text dump of every matrix.
/// </summary>
internal static class CompileCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .gate spec to compile." };
        var network = new Option<string?>("--network") { Description = "Name of the network to compile; all networks when omitted." };
        var outputFolder = new Option<string>("--output", "-o") { Description = "Folder for the output files; created if missing.", DefaultValueFactory = _ => "out" };
        var dtype = new Option<string>("--dtype") { Description = "Element type of the exported tensors: f32 or f64.", DefaultValueFactory = _ => "f32" };

        var command = new Command("compile", "Compile networks to GRU weights: NAME.safetensors (PyTorch) and NAME.weights.txt (labelled dump).");
        command.Arguments.Add(file);
        command.Options.Add(network);
        command.Options.Add(outputFolder);
        command.Options.Add(dtype);
        command.SetAction(parseResult => Run(
            console,
            parseResult.GetValue(file)!,
            parseResult.GetValue(network),
            parseResult.GetValue(outputFolder)!,
            parseResult.GetValue(dtype)!));
        return command;
    }

    private static int Run(CliConsole console, string file, string? networkName, string outputFolder, string dtypeText)
    {
        var dtype = dtypeText switch
        {
            "f32" or "float32" => SafetensorsDtype.F32,
            "f64" or "float64" => SafetensorsDtype.F64,
            _ => throw new UserErrorException($"--dtype '{dtypeText}' is not valid; use f32 or f64."),
        };

        var spec = SpecLoader.Load(file, console);
        if (spec is null)
        {
            return ExitCodes.UserError;
        }

        var networks = SpecLoader.RequireCompilable(SpecLoader.SelectNetworks(spec, file, networkName), file, networkName);
        var compiled = networks.Select(NetworkCompiler.Compile).ToList();
        CreateFolder(outputFolder);

        // Every target is checked before the first file is written, so a bad target leaves no
        // output of this run behind.
        foreach (var network in compiled)
        {
            foreach (var path in OutputPaths(outputFolder, network.Definition.Name))
            {
                if (Directory.Exists(path))
                {
                    throw new UserErrorException($"cannot write '{path}': a folder of that name exists. Remove it or choose another output folder with -o.");
                }
            }
        }

        var source = new SpecSource(file, spec.SourceText);
        foreach (var network in compiled)
        {
            var name = network.Definition.Name;
            var paths = OutputPaths(outputFolder, name);
            var tensorsPath = paths[0];
            var dumpPath = paths[1];
            WriteOutput(tensorsPath, () => SafetensorsWriter.WriteNetwork(tensorsPath, network, source, dtype));
            WriteOutput(dumpPath, () => AtomicFile.WriteAllText(dumpPath, WeightDump.Format(network)));
            console.Output.WriteLine($"{name}: hidden size {network.Weights.HiddenSize}, wrote {tensorsPath} and {dumpPath}");
        }

        return ExitCodes.Success;
    }

    private static string[] OutputPaths(string folder, string network) =>
        [Path.Combine(folder, $"{network}.safetensors"), Path.Combine(folder, $"{network}.weights.txt")];

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot create output folder '{folder}': {Describe(exception)}. Choose another folder with -o.");
        }
    }

    private static void WriteOutput(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot write '{path}': {Describe(exception)}. Check the folder or choose another with -o.");
        }
    }

    /// <summary>
    /// Names a file-system failure in plain words; the exception's own message can name the
    /// temporary file that the atomic writer uses instead of the target.
    /// </summary>
    private static string Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a folder on the path does not exist or cannot hold files",
        PathTooLongException => "the path is too long",
        FileNotFoundException => "the file system does not allow creating it there",
        _ => "the file system reported an error (" + exception.Message.Split('\n')[0].Trim() + ")",
    };
}
