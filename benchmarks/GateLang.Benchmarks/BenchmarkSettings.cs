using System.Globalization;

namespace GateLang.Benchmarks;

/// <summary>The command-line settings of the benchmark.</summary>
internal sealed record BenchmarkSettings(int Threads, int Trials, int Warmups, int Repeats)
{
    public const string Usage = "usage: GateLang.Benchmarks [--threads N] [--trials N] [--warmups N] [--repeats N]";

    /// <summary>Reads <c>--threads</c> (default: one per processor), <c>--trials</c> (1000), <c>--warmups</c> (3) and <c>--repeats</c> (10).</summary>
    public static BenchmarkSettings Parse(string[] args)
    {
        var settings = new BenchmarkSettings(Environment.ProcessorCount, 1000, 3, 10);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw new ArgumentException($"{args[i]} needs a whole number of at least 1. {Usage}");
            }

            settings = args[i] switch
            {
                "--threads" => settings with { Threads = value },
                "--trials" => settings with { Trials = value },
                "--warmups" => settings with { Warmups = value },
                "--repeats" => settings with { Repeats = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. {Usage}"),
            };
        }

        return settings;
    }
}
