using System.CommandLine;

namespace GateLang.Cli.Commands;

/// <summary><c>gatelang check FILE…</c>: parse and bind specs, print every diagnostic.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "One or more .gate spec files to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("check", "Check .gate specs and report every error and warning with its location.");
        command.Arguments.Add(files);
        command.SetAction(parseResult => Run(parseResult.GetValue(files)!, console));
        return command;
    }

    private static int Run(string[] files, CliConsole console)
    {
        var failed = 0;
        foreach (var file in files)
        {
            var spec = SpecLoader.Load(file, console);
            if (spec is null)
            {
                failed++;
                continue;
            }

            console.Output.WriteLine($"{file}: ok ({Plural(spec.Tasks.Count, "task")}, {Plural(spec.Networks.Count, "network")})");
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.UserError;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
