using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Semantics;

namespace GateLang.Cli;

/// <summary>
/// Loads a spec for a command: prints its diagnostics, stops on errors, and selects networks.
/// </summary>
internal static class SpecLoader
{
    /// <summary>
    /// Checks <paramref name="path"/> and prints every diagnostic to the error stream.
    /// Returns null when the spec has errors.
    /// </summary>
    public static CheckResult? Load(string path, CliConsole console)
    {
        var result = SpecCompiler.Check(path);
        foreach (var diagnostic in result.Diagnostics)
        {
            console.Error.WriteLine(diagnostic.ToString());
        }

        return result.HasErrors ? null : result;
    }

    /// <summary>
    /// Returns the network named <paramref name="name"/>, or every network when no name is given.
    /// </summary>
    public static IReadOnlyList<NetworkDefinition> SelectNetworks(CheckResult spec, string path, string? name)
    {
        if (spec.Networks.Count == 0)
        {
            throw new UserErrorException($"{path} declares no network; add a 'network NAME for TASK {{ ... }}' block.");
        }

        if (name is null)
        {
            return spec.Networks;
        }

        var network = spec.Networks.FirstOrDefault(n => n.Name == name);
        if (network is null)
        {
            var names = string.Join(", ", spec.Networks.Select(n => $"'{n.Name}'"));
            throw new UserErrorException($"network '{name}' is not declared in {path}; it declares {names}.");
        }

        return [network];
    }

    /// <summary>
    /// Returns the networks of <paramref name="networks"/> that have blocks to compile. A network
    /// declared only by its train section is rejected when named, and skipped otherwise.
    /// </summary>
    public static IReadOnlyList<NetworkDefinition> RequireCompilable(IReadOnlyList<NetworkDefinition> networks, string path, string? name)
    {
        var compilable = networks.Where(n => n.Blocks.Count > 0).ToList();
        if (compilable.Count == 0)
        {
            var first = networks[0];
            var what = name is null && networks.Count > 1 ? $"no network of {path} has blocks" : $"network '{first.Name}' has no blocks";
            throw new UserErrorException($"{what} to compile: a network declared only by its train section has no weights until it is trained. Train it with 'gatelang train {path}' and evaluate the checkpoint.");
        }

        return compilable;
    }

    /// <summary>Like <see cref="SelectNetworks"/>, but requires the choice to name exactly one network.</summary>
    public static NetworkDefinition SelectOneNetwork(CheckResult spec, string path, string? name)
    {
        var networks = SelectNetworks(spec, path, name);
        if (networks.Count > 1)
        {
            var names = string.Join(", ", networks.Select(n => $"'{n.Name}'"));
            throw new UserErrorException($"{path} declares several networks ({names}); choose one with --network NAME.");
        }

        return networks[0];
    }
}
