using System.Diagnostics;
using System.Numerics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Verification;

/// <summary>
/// Checks a network on every VDCM input sequence (all K^S of them, or a seeded sample) at every
/// delay of a range, with <see cref="GruSimulator{T}"/>'s arithmetic, and finds the smallest
/// counterexample and the minimum logit margin.
/// </summary>
/// <remarks>
/// The trials of one sequence share everything before their delimiter: S symbol steps, then
/// blanks. Each block of sequences is therefore run once through the symbols and the blanks of
/// the longest delay. At step S + T − 1 a copy branches off for delay T and reads the delimiter
/// and the S decoding steps. A shared step is scored once and counts for every trial that contains
/// it. Each lane computes exactly what <see cref="GruSimulator{T}"/> computes for that trial
/// (<see cref="NonlinearityMode.Reference"/>), so the verdict is the reference simulator's.
/// A step passes when the arg-max class (lowest index on ties) is the target and the margin is not NaN.
/// </remarks>
public static class NetworkVerifier
{
    /// <summary>Returns K^S, or <see cref="long.MaxValue"/> when it does not fit in a long.</summary>
    public static long CountSequences(int symbols, int length)
    {
        long count = 1;
        for (var i = 0; i < length; i++)
        {
            if (count > long.MaxValue / symbols)
            {
                return long.MaxValue;
            }

            count *= symbols;
        }

        return count;
    }

    public static VerificationResult Verify(GruWeights weights, TaskDefinition task, VerificationOptions options, Precision precision)
    {
        var delayMin = options.DelayMin ?? task.DelayMin;
        var delayMax = options.DelayMax ?? task.DelayMax;
        if (delayMin < 1 || delayMax < delayMin)
        {
            throw new ArgumentException($"Delay range {delayMin}..{delayMax} is invalid: the minimum must be at least 1 and not above the maximum.", nameof(options));
        }

        if (weights.InputSize < task.InputSize || weights.OutputSize < task.OutputSize)
        {
            throw new ArgumentException($"A network with {weights.InputSize} inputs and {weights.OutputSize} outputs cannot run task '{task.Name}', which needs {task.InputSize} inputs and {task.OutputSize} outputs.", nameof(weights));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Limit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Samples);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads);

        var plan = SequencePlan.Create(task, options);
        return precision == Precision.Float32
            ? Verify<float>(weights, task, plan, delayMin, delayMax, options.Threads, precision)
            : Verify<double>(weights, task, plan, delayMin, delayMax, options.Threads, precision);
    }

    private static VerificationResult Verify<T>(GruWeights weights, TaskDefinition task, SequencePlan plan, int delayMin, int delayMax, int threads, Precision precision)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var stopwatch = Stopwatch.StartNew();
        var simulator = new BatchGruSimulator<T>(weights);
        var lanes = (int)Math.Min(BatchGruSimulator<T>.BlockLanes, plan.Count);
        var blocks = (plan.Count + lanes - 1) / lanes;
        var total = new VerificationTotals();
        var totalLock = new Lock();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(
            0L,
            blocks,
            options,
            () => new SequenceBlockChecker<T>(simulator, task, lanes, delayMin, delayMax),
            (block, _, checker) =>
            {
                var first = block * lanes;
                checker.Check(plan, first, (int)Math.Min(lanes, plan.Count - first));
                return checker;
            },
            checker =>
            {
                lock (totalLock)
                {
                    total.Add(checker.Totals);
                }
            });

        stopwatch.Stop();
        var delays = delayMax - delayMin + 1;
        long stepsPerSequence = 0;
        for (var delay = delayMin; delay <= delayMax; delay++)
        {
            stepsPerSequence += task.TrialLength(delay);
        }

        return new VerificationResult(
            precision,
            plan.Exhaustive,
            plan.Count,
            delayMin,
            delayMax,
            plan.Count * delays,
            plan.Count * stepsPerSequence,
            total.FailedTrials,
            total.MinMargin,
            total.MinMarginAt,
            total.Counterexample,
            stopwatch.Elapsed);
    }
}

/// <summary>
/// The sequences to check: all K^S in lexicographic order (sequence i is i written in base K,
/// most significant digit first), or seeded samples drawn up front so that every thread reads the same ones.
/// </summary>
internal sealed class SequencePlan
{
    private readonly int _symbols;
    private readonly int _length;
    private readonly int[]? _samples;

    private SequencePlan(int symbols, int length, long count, int[]? samples)
    {
        _symbols = symbols;
        _length = length;
        Count = count;
        _samples = samples;
    }

    public long Count { get; }

    public bool Exhaustive => _samples is null;

    public static SequencePlan Create(TaskDefinition task, VerificationOptions options)
    {
        var all = NetworkVerifier.CountSequences(task.Symbols, task.Length);
        if (all <= options.Limit)
        {
            return new SequencePlan(task.Symbols, task.Length, all, null);
        }

        var samples = new int[checked(options.Samples * task.Length)];
        var random = new TrialRandom(options.Seed);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = random.NextInt(task.Symbols);
        }

        return new SequencePlan(task.Symbols, task.Length, options.Samples, samples);
    }

    /// <summary>Writes sequence <paramref name="index"/> into <paramref name="destination"/> (S symbols).</summary>
    public void Fill(long index, Span<int> destination)
    {
        if (_samples is not null)
        {
            _samples.AsSpan(checked((int)(index * _length)), _length).CopyTo(destination);
            return;
        }

        for (var position = _length - 1; position >= 0; position--)
        {
            destination[position] = (int)(index % _symbols);
            index /= _symbols;
        }
    }
}

/// <summary>Failed-trial count, smallest counterexample and minimum margin, mergeable in any order.</summary>
internal sealed class VerificationTotals
{
    public long FailedTrials { get; private set; }

    public double MinMargin { get; private set; } = double.PositiveInfinity;

    public TrialStep? MinMarginAt { get; private set; }

    public Counterexample? Counterexample { get; private set; }

    public void AddFailedTrials(long count) => FailedTrials += count;

    /// <summary>Returns whether a step with this margin would become the new minimum.</summary>
    public bool ImprovesMargin(double margin, int delay, ReadOnlySpan<int> symbols, int step) =>
        margin < MinMargin || (margin == MinMargin && (MinMarginAt is null || Compare(delay, symbols, step, MinMarginAt) < 0));

    public void SetMinMargin(double margin, TrialStep at)
    {
        MinMargin = margin;
        MinMarginAt = at;
    }

    /// <summary>Returns whether a wrong step here comes before the current counterexample.</summary>
    public bool PrecedesCounterexample(int delay, ReadOnlySpan<int> symbols, int step) =>
        Counterexample is null || Compare(delay, symbols, step, Counterexample.At) < 0;

    public void SetCounterexample(Counterexample counterexample) => Counterexample = counterexample;

    public void Add(VerificationTotals other)
    {
        FailedTrials += other.FailedTrials;
        if (other.MinMarginAt is { } at && ImprovesMargin(other.MinMargin, at.Delay, at.Symbols, at.Step))
        {
            SetMinMargin(other.MinMargin, at);
        }

        if (other.Counterexample is { } counterexample && PrecedesCounterexample(counterexample.At.Delay, counterexample.At.Symbols, counterexample.At.Step))
        {
            Counterexample = counterexample;
        }
    }

    /// <summary>Orders steps by delay, then sequence (lexicographically), then step.</summary>
    private static int Compare(int delay, ReadOnlySpan<int> symbols, int step, TrialStep other)
    {
        var byDelay = delay.CompareTo(other.Delay);
        if (byDelay != 0)
        {
            return byDelay;
        }

        var bySymbols = symbols.SequenceCompareTo(other.Symbols);
        return bySymbols != 0 ? bySymbols : step.CompareTo(other.Step);
    }
}
