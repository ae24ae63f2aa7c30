using GateLang.Compilation;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Blocks;

/// <summary>Compiles block-library specs and runs them on chosen or every trial.</summary>
internal static class BlockNetworks
{
    /// <summary>Checks <paramref name="text"/>, requires no error, and compiles its only network.</summary>
    public static CompiledNetwork Compile(string text)
    {
        var result = SpecCompiler.CheckText(text, "blocks.gate");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return NetworkCompiler.Compile(Assert.Single(result.Networks));
    }

    /// <summary>Compiles an example of the repository's examples folder.</summary>
    public static CompiledNetwork CompileExample(string fileName)
    {
        var result = SpecCompiler.Check(Path.Combine(RepositoryPaths.Root, "examples", fileName));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return NetworkCompiler.Compile(Assert.Single(result.Networks));
    }

    /// <summary>Scores <paramref name="trials"/> seeded trials of the network's task.</summary>
    public static EvaluationResult Evaluate(CompiledNetwork network, Precision precision, int trials, int? delay = null) =>
        Evaluator.Evaluate(network.Weights, network.Task, new TrialGenerator(network.Task, 7, delay, delay).Take(trials), precision);

    /// <summary>Scores every one of the K^S sequences at each given delay.</summary>
    public static EvaluationResult EvaluateAll(CompiledNetwork network, Precision precision, params int[] delays) =>
        Evaluator.Evaluate(network.Weights, network.Task, AllTrials(network, delays), precision);

    /// <summary>Scores one sequence at one delay.</summary>
    public static EvaluationResult EvaluateOne(CompiledNetwork network, Precision precision, int[] symbols, int delay) =>
        Evaluator.Evaluate(network.Weights, network.Task, [Trial.For(network.Task, symbols, delay)], precision);

    private static IEnumerable<Trial> AllTrials(CompiledNetwork network, int[] delays)
    {
        var task = network.Task;
        var count = (long)Math.Pow(task.Symbols, task.Length);
        foreach (var delay in delays)
        {
            for (long index = 0; index < count; index++)
            {
                var symbols = new int[task.Length];
                var rest = index;
                for (var position = task.Length - 1; position >= 0; position--)
                {
                    symbols[position] = (int)(rest % task.Symbols);
                    rest /= task.Symbols;
                }

                yield return Trial.For(task, symbols, delay);
            }
        }
    }
}
