using System.Diagnostics;
using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>Settings of a full <see cref="NetworkAnalysis"/>: the trial set and each analysis's own settings.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Number of trials recorded; 1000 by default, the count behind the published reset threshold ζ = 0.255.</summary>
    public int Trials { get; init; } = 1000;

    /// <summary>Seed of the trial generator; the task's seed when null.</summary>
    public long? Seed { get; init; }

    /// <summary>Delay range of the trials; the task's when null.</summary>
    public int? DelayMin { get; init; }

    /// <summary>Delay range of the trials; the task's when null.</summary>
    public int? DelayMax { get; init; }

    public RecordingOptions Recording { get; init; } = new();

    public ResetOptions Reset { get; init; } = new();

    public MemoryNeuronOptions Memory { get; init; } = new();

    /// <summary>Settings of the perturbation map; its seed and delay range are set from this record's.</summary>
    public PerturbationOptions Perturbation { get; init; } = new();

    /// <summary>Whether to run the perturbation map, the slowest analysis, and the block structure and PCA that build on it.</summary>
    public bool RunPerturbationMap { get; init; } = true;

    internal void Validate()
    {
        if (Trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Trials), Trials, "At least one trial is needed.");
        }
    }
}

/// <summary>The trial set an analysis ran on: the generator's seed and delay range, and the trial count.</summary>
public sealed record TrialSetDescription(int Trials, long Seed, int DelayMin, int DelayMax);

/// <summary>Every result of <see cref="NetworkAnalysis.Run"/> for one network.</summary>
/// <param name="Map">The perturbation map, or null when it was not run.</param>
/// <param name="Blocks">The block structure of the map, or null when the map was not run.</param>
/// <param name="Pca">PCA of the neurons tuned to each encoding step, one entry per step; empty when the map was not run.</param>
/// <param name="Timings">
/// Wall-clock seconds per stage: <c>recording</c>; <c>statistics</c> (accuracy, reset, memory and
/// occupancy); <c>perturbationMap</c>; <c>blockStructureAndPca</c>.
/// </param>
public sealed record NetworkAnalysisResult(
    AnalysisSubject Subject,
    TrialSetDescription TrialSet,
    AnalysisOptions Options,
    Recording Recording,
    AccuracyResult Accuracy,
    ResetResult Reset,
    MemoryNeuronResult Memory,
    PerturbationMapResult? Map,
    BlockStructureResult? Blocks,
    IReadOnlyList<TunedPcaResult> Pca,
    GateOccupancyResult Occupancy,
    IReadOnlyDictionary<string, double> Timings);

/// <summary>
/// Runs every analysis on one network: records it on a seeded trial set, then computes accuracy,
/// the reset staircase, memory neurons, the perturbation map with its block structure and PCA,
/// and gate occupancy.
/// </summary>
public static class NetworkAnalysis
{
    /// <param name="progress">Receives plain progress lines; called from one thread at a time.</param>
    public static NetworkAnalysisResult Run(AnalysisSubject subject, AnalysisOptions? options = null, Action<string>? progress = null)
    {
        options ??= new AnalysisOptions();
        options.Validate();
        var task = subject.Task;
        var seed = options.Seed ?? task.Seed;
        var delayMin = options.DelayMin ?? task.DelayMin;
        var delayMax = options.DelayMax ?? task.DelayMax;
        var trialSet = new TrialSetDescription(options.Trials, seed, delayMin, delayMax);
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();

        progress?.Invoke($"{subject.Name}: recording {options.Trials} trials (seed {seed}, T = {delayMin}..{delayMax})");
        var trials = new TrialGenerator(task, seed, delayMin, delayMax).Take(options.Trials);
        var recording = NetworkRecorder.Record(subject.Weights, task, trials, options.Recording, Prefixed(subject, progress));
        timings["recording"] = Lap(clock);

        var accuracy = AccuracyAnalysis.Analyze(recording);
        var reset = ResetAnalysis.Analyze(recording, options.Reset);
        var memory = MemoryNeuronAnalysis.Analyze(recording, options.Memory);
        var occupancy = GateOccupancy.Analyze(recording, subject.Blocks, memory);
        timings["statistics"] = Lap(clock);

        PerturbationMapResult? map = null;
        BlockStructureResult? blocks = null;
        var pca = new List<TunedPcaResult>();
        if (options.RunPerturbationMap)
        {
            var mapOptions = options.Perturbation with { Seed = seed, DelayMin = delayMin, DelayMax = delayMax };
            progress?.Invoke($"{subject.Name}: perturbation map, N = {mapOptions.Iterations}, M = {mapOptions.TestTrials}, n = {mapOptions.StartNeurons}..{mapOptions.MaxNeurons}");
            map = PerturbationMap.Run(subject.Weights, task, mapOptions, Prefixed(subject, progress));
            timings["perturbationMap"] = Lap(clock);

            blocks = BlockStructure.Build(map);
            for (var step = 0; step < task.Length; step++)
            {
                pca.Add(TunedNeuronPca.Analyze(recording, blocks, step));
            }

            timings["blockStructureAndPca"] = Lap(clock);
        }

        return new NetworkAnalysisResult(subject, trialSet, options, recording, accuracy, reset, memory, map, blocks, pca, occupancy, timings);
    }

    private static Action<string>? Prefixed(AnalysisSubject subject, Action<string>? progress) =>
        progress is null ? null : line => progress($"{subject.Name}: {line}");

    private static double Lap(Stopwatch clock)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return seconds;
    }
}
