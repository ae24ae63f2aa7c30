using GateLang.Compilation;
using GateLang.Diagnostics;
using GateLang.Ir;

namespace GateLang.Tests.TestSupport;

/// <summary>
/// Builds the [memory | clock | switch] network of the binary (K = 2) copy-memory construction
/// directly as definitions, without the parser.
/// </summary>
public static class BinaryCopyNetworks
{
    public const double Alpha = 10;
    public const double Beta = 3;
    public const double Ratio = 3;
    public const double EraseGain = 2;

    /// <summary>
    /// Returns the network for S = <paramref name="length"/> symbols with α = 10, β = 3, r = 3 and
    /// erase gain 2: memory zeros, clock −1 except c_{S−1} = +1, switch −1.
    /// </summary>
    public static NetworkDefinition Define(int length, int delayMin = 100, int delayMax = 120, int seed = 1)
    {
        var task = new TaskDefinition("copy", TaskKind.Vdcm, 2, length, delayMin, delayMax, seed, SourceLocation.None);

        var clockInitial = Enumerable.Repeat(-1.0, length + 1).ToArray();
        clockInitial[length - 1] = 1.0;

        BlockDefinition[] blocks =
        [
            new("mem", BlockKind.Memory, 0, length, Alpha, Beta, Ratio, EraseGain, new double[length], SourceLocation.None),
            new("clk", BlockKind.Clock, length, length + 1, Alpha, Beta, 0, 0, clockInitial, SourceLocation.None),
            new("sw", BlockKind.Switch, (2 * length) + 1, 1, Alpha, Beta, 0, 0, [-1.0], SourceLocation.None),
        ];

        return new NetworkDefinition("binary_copy", task, blocks, ["mem", "clk", "sw"], Alpha, Beta, SourceLocation.None);
    }

    public static CompiledNetwork Compile(int length, int delayMin = 100, int delayMax = 120, int seed = 1) =>
        NetworkCompiler.Compile(Define(length, delayMin, delayMax, seed));

    /// <summary>A stand-in spec text for exports, since these networks do not come from a file.</summary>
    public static string SpecText(int length) =>
        $"// binary copy-memory network, S = {length}, built in tests without the parser\n";
}
