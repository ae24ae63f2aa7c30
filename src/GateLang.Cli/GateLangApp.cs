using System.CommandLine;
using GateLang.Cli.Commands;

namespace GateLang.Cli;

/// <summary>
/// The <c>gatelang</c> command line: builds the command tree, runs one command, and turns
/// failures into exit codes (0 success, 1 user error, 2 internal error) without stack traces.
/// </summary>
public static class GateLangApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("GateLang: write down how a GRU solves a memory task, compile it to exact weights, and check it.");
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(CompileCommand.Create(console));
        root.Subcommands.Add(EvalCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));

        try
        {
            var parseResult = root.Parse(args);
            return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UserErrorException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            return ExitCodes.UserError;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error.WriteLine($"gatelang: internal error ({exception.GetType().Name}: {exception.Message}). This is a bug in GateLang; please report it with the spec and command that caused it.");
            return ExitCodes.InternalError;
        }
    }
}
