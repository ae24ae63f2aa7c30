namespace GateLang.Reports;

/// <summary>Settings of the figures in a report.</summary>
public sealed record ReportOptions
{
    /// <summary>The neurons of the trajectory figure; <see cref="TrajectoryFigure.DefaultNeurons"/> when null.</summary>
    public IReadOnlyList<int>? TrajectoryNeurons { get; init; }

    /// <summary>The encoding step whose tuned neurons the PCA figure shows; S − 2 (at least 0) when null.</summary>
    public int? PcaStep { get; init; }

    /// <summary>Training metrics to plot per network name, such as the metrics.jsonl of the run that trained it.</summary>
    public IReadOnlyDictionary<string, string> TrainingMetricsPaths { get; init; } = new Dictionary<string, string>();

    /// <summary>The PCA step used for a network with <paramref name="length"/> encoding steps.</summary>
    public int PcaStepFor(int length) => PcaStep ?? Math.Max(0, length - 2);
}
