using System.Numerics;
using System.Runtime.CompilerServices;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Simulation;

/// <summary>
/// Runs a network on VDCM trials and scores every step, streaming so that memory does not grow
/// with the number of trials.
/// </summary>
/// <remarks>
/// Trials are read in chunks (at most <see cref="DefaultChunkTrials"/> trials and
/// <see cref="DefaultChunkSteps"/> steps). Within a chunk they are sorted by length and run in
/// blocks of <see cref="BatchGruSimulator{T}.BlockLanes"/> lanes on all processors with
/// <see cref="NonlinearityMode.Reference"/>, so every logit is the one <see cref="GruSimulator{T}"/>
/// computes. The scores are then folded in the trials' own order: the cross-entropy is summed
/// step by step in that order, and ties of the minimum margin and the first failure go to the
/// earliest trial and step. The result is therefore identical, bit for bit, to scoring one trial
/// at a time with the reference simulator.
/// </remarks>
public static class Evaluator
{
    internal const int DefaultChunkTrials = 4096;

    internal const int DefaultChunkSteps = 1 << 20;

    public static EvaluationResult Evaluate(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision) =>
        Evaluate(weights, task, trials, precision, threads: 0, DefaultChunkTrials, DefaultChunkSteps);

    /// <param name="threads">Worker threads; 0 uses one per processor.</param>
    /// <param name="chunkTrials">Maximum trials held at once.</param>
    /// <param name="chunkSteps">Maximum steps held at once; a longer single trial still forms a chunk of its own.</param>
    internal static EvaluationResult Evaluate(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision, int threads, int chunkTrials, int chunkSteps)
    {
        if (weights.InputSize < task.InputSize || weights.OutputSize < task.OutputSize)
        {
            throw new ArgumentException($"A network with {weights.InputSize} inputs and {weights.OutputSize} outputs cannot run task '{task.Name}', which needs {task.InputSize} inputs and {task.OutputSize} outputs.", nameof(weights));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkTrials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSteps);
        return precision == Precision.Float32
            ? Evaluate<float>(weights, task, trials, precision, threads, chunkTrials, chunkSteps)
            : Evaluate<double>(weights, task, trials, precision, threads, chunkTrials, chunkSteps);
    }

    private static EvaluationResult Evaluate<T>(GruWeights weights, TaskDefinition task, IEnumerable<Trial> trials, Precision precision, int threads, int chunkTrials, int chunkSteps)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var simulator = new BatchGruSimulator<T>(weights);
        var totals = new EvaluationTotals(task);
        var chunk = new List<Trial>();
        var scores = new ChunkScores();
        using var enumerator = trials.GetEnumerator();
        while (ReadChunk(enumerator, task, totals.Trials, chunk, chunkTrials, chunkSteps))
        {
            ScoreChunk(simulator, task, chunk, scores, threads);
            totals.Add(chunk, scores);
        }

        if (totals.Trials == 0)
        {
            throw new ArgumentException("At least one trial is needed to evaluate a network.", nameof(trials));
        }

        return totals.ToResult(precision);
    }

    /// <summary>Reads the next chunk and checks each trial. Returns false when no trial is left.</summary>
    private static bool ReadChunk(IEnumerator<Trial> enumerator, TaskDefinition task, int trialsBefore, List<Trial> chunk, int chunkTrials, int chunkSteps)
    {
        chunk.Clear();
        long steps = 0;
        while (chunk.Count < chunkTrials && (chunk.Count == 0 || steps < chunkSteps) && enumerator.MoveNext())
        {
            var trial = enumerator.Current;
            CheckTrial(trial, task, trialsBefore + chunk.Count);
            chunk.Add(trial);
            steps += VdcmLayout.TrialLength(trial);
        }

        return chunk.Count > 0;
    }

    private static void CheckTrial(Trial trial, TaskDefinition task, int index)
    {
        if (trial.Length != task.Length)
        {
            throw new ArgumentException($"Trial {index} has {trial.Length} symbols, but task '{task.Name}' has sequences of {task.Length}.", nameof(trial));
        }

        if (trial.Delay < 1 || (long)VdcmLayout.TrialLength(trial) > int.MaxValue)
        {
            throw new ArgumentException($"Trial {index} has delay {trial.Delay}; delays run from 1 to a trial length of at most {int.MaxValue} steps.", nameof(trial));
        }

        foreach (var symbol in trial.Symbols)
        {
            if ((uint)symbol >= (uint)task.Symbols)
            {
                throw new ArgumentException($"Trial {index} has symbol {symbol}, outside 0..{task.Symbols - 1}.", nameof(trial));
            }
        }
    }

    /// <summary>Runs every trial of the chunk and fills <paramref name="scores"/>, one block of lanes per work item.</summary>
    private static void ScoreChunk<T>(BatchGruSimulator<T> simulator, TaskDefinition task, List<Trial> chunk, ChunkScores scores, int threads)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        scores.Prepare(chunk);

        // Sorted by decreasing length, so that the lanes of a block end at about the same step.
        var order = new int[chunk.Count];
        var lengths = new int[chunk.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            lengths[i] = -VdcmLayout.TrialLength(chunk[i]);
        }

        Array.Sort(lengths, order);

        var lanes = Math.Min(BatchGruSimulator<T>.BlockLanes, chunk.Count);
        var blocks = (chunk.Count + lanes - 1) / lanes;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        var decodingLock = new Lock();
        Parallel.For(
            0,
            blocks,
            options,
            () => new BlockWorker<T>(simulator, task, lanes),
            (block, _, worker) =>
            {
                var first = block * lanes;
                worker.Score(chunk, order.AsSpan(first, Math.Min(lanes, chunk.Count - first)), scores);
                return worker;
            },
            worker =>
            {
                lock (decodingLock)
                {
                    worker.AddDecodingCounts(scores);
                }
            });
    }

    /// <summary>
    /// Scores one step: the arg-max class (the lowest index wins a tie, as <c>torch.argmax</c> does
    /// on CPU), the target's margin over the best other class, and the cross-entropy in nats.
    /// </summary>
    internal static (int Output, double Margin, double CrossEntropy) ScoreStep<T>(ReadOnlySpan<T> logits, int target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (output, margin) = ScoreOutput(logits, target);
        var best = double.CreateChecked(logits[output]);
        var targetLogit = double.CreateChecked(logits[target]);
        double sumExp = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            sumExp += Math.Exp(double.CreateChecked(logits[k]) - best);
        }

        var crossEntropy = best + Math.Log(sumExp) - targetLogit;
        return (output, margin, crossEntropy);
    }

    /// <summary>
    /// Returns the arg-max class and the margin of <paramref name="target"/> exactly as
    /// <see cref="ScoreStep{T}"/> does, without the cross-entropy.
    /// </summary>
    internal static (int Output, double Margin) ScoreOutput<T>(ReadOnlySpan<T> logits, int target)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var output = 0;
        var best = double.CreateChecked(logits[0]);
        var bestOther = double.NegativeInfinity;
        for (var k = 0; k < logits.Length; k++)
        {
            var value = double.CreateChecked(logits[k]);
            if (value > best)
            {
                best = value;
                output = k;
            }

            if (k != target && value > bestOther)
            {
                bestOther = value;
            }
        }

        return (output, double.CreateChecked(logits[target]) - bestOther);
    }

    /// <summary>The scores of one chunk, per trial in chunk order, filled by the block workers.</summary>
    private sealed class ChunkScores
    {
        public int[] StepOffsets { get; private set; } = [];

        public double[] CrossEntropy { get; private set; } = [];

        public int[] CorrectSteps { get; private set; } = [];

        public int[] FailureStep { get; private set; } = [];

        public int[] FailureExpected { get; private set; } = [];

        public int[] FailureOutput { get; private set; } = [];

        public double[] MinMargin { get; private set; } = [];

        public int[] MinMarginStep { get; private set; } = [];

        public long[] DecodingCorrect { get; private set; } = [];

        public long[] DecodingTotal { get; private set; } = [];

        public void Prepare(List<Trial> chunk)
        {
            var count = chunk.Count;
            if (CorrectSteps.Length < count)
            {
                StepOffsets = new int[count + 1];
                CorrectSteps = new int[count];
                FailureStep = new int[count];
                FailureExpected = new int[count];
                FailureOutput = new int[count];
                MinMargin = new double[count];
                MinMarginStep = new int[count];
            }

            var steps = 0;
            for (var i = 0; i < count; i++)
            {
                StepOffsets[i] = steps;
                steps = checked(steps + VdcmLayout.TrialLength(chunk[i]));
            }

            StepOffsets[count] = steps;
            if (CrossEntropy.Length < steps)
            {
                CrossEntropy = new double[steps];
            }

            var symbols = chunk[0].Length;
            if (DecodingCorrect.Length != symbols)
            {
                DecodingCorrect = new long[symbols];
                DecodingTotal = new long[symbols];
            }

            Array.Clear(DecodingCorrect);
            Array.Clear(DecodingTotal);
        }
    }

    /// <summary>One thread's batch and decoding counts; scores one block of trials at a time.</summary>
    private sealed class BlockWorker<T>(BatchGruSimulator<T> simulator, TaskDefinition task, int lanes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly GruBatch<T> _batch = simulator.CreateBatch(lanes);
        private readonly T[] _logits = new T[simulator.OutputSize];
        private readonly long[] _decodingCorrect = new long[task.Length];
        private readonly long[] _decodingTotal = new long[task.Length];
        private readonly int[] _laneTrials = new int[lanes];

        /// <summary>Runs the trials <paramref name="trials"/> (chunk indices) in the lanes of one batch and scores each of their steps.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Score(List<Trial> chunk, ReadOnlySpan<int> trials, ChunkScores scores)
        {
            var symbols = task.Symbols;
            var blank = VdcmLayout.BlankInput(symbols);
            var longest = 0;
            for (var lane = 0; lane < lanes; lane++)
            {
                // Lanes past the last trial repeat it; they are run but not scored.
                var index = trials[Math.Min(lane, trials.Length - 1)];
                _laneTrials[lane] = index;
                longest = Math.Max(longest, VdcmLayout.TrialLength(chunk[index]));
                scores.CorrectSteps[index] = 0;
                scores.FailureStep[index] = -1;
                scores.MinMargin[index] = double.PositiveInfinity;
                scores.MinMarginStep[index] = -1;
            }

            simulator.Reset(_batch);
            var stride = _batch.Stride;
            for (var t = 0; t < longest; t++)
            {
                for (var lane = 0; lane < lanes; lane++)
                {
                    var trial = chunk[_laneTrials[lane]];
                    _batch.Inputs[lane] = t < VdcmLayout.TrialLength(trial) ? VdcmLayout.InputAt(trial, symbols, t) : blank;
                }

                simulator.StepWithBatchInputs(_batch);
                simulator.Readout(_batch);

                for (var lane = 0; lane < trials.Length; lane++)
                {
                    var index = _laneTrials[lane];
                    var trial = chunk[index];
                    if (t >= VdcmLayout.TrialLength(trial))
                    {
                        continue;
                    }

                    for (var k = 0; k < _logits.Length; k++)
                    {
                        _logits[k] = _batch.Logits[(k * stride) + lane];
                    }

                    var target = VdcmLayout.TargetAt(trial, symbols, t);
                    var score = ScoreStep<T>(_logits, target);
                    scores.CrossEntropy[scores.StepOffsets[index] + t] = score.CrossEntropy;
                    var correct = score.Output == target;
                    if (correct)
                    {
                        scores.CorrectSteps[index]++;
                    }
                    else if (scores.FailureStep[index] < 0)
                    {
                        scores.FailureStep[index] = t;
                        scores.FailureExpected[index] = target;
                        scores.FailureOutput[index] = score.Output;
                    }

                    if (score.Margin < scores.MinMargin[index])
                    {
                        scores.MinMargin[index] = score.Margin;
                        scores.MinMarginStep[index] = t;
                    }

                    var decodingStart = VdcmLayout.FirstDecodingStep(trial);
                    if (t >= decodingStart)
                    {
                        _decodingTotal[t - decodingStart]++;
                        if (correct)
                        {
                            _decodingCorrect[t - decodingStart]++;
                        }
                    }
                }
            }
        }

        /// <summary>Adds this worker's decoding counts to the chunk's and clears them; the caller holds a lock.</summary>
        public void AddDecodingCounts(ChunkScores scores)
        {
            for (var k = 0; k < _decodingCorrect.Length; k++)
            {
                scores.DecodingCorrect[k] += _decodingCorrect[k];
                scores.DecodingTotal[k] += _decodingTotal[k];
            }

            Array.Clear(_decodingCorrect);
            Array.Clear(_decodingTotal);
        }
    }

    /// <summary>The running totals over all chunks, added in trial order exactly as the reference evaluator adds them.</summary>
    private sealed class EvaluationTotals(TaskDefinition task)
    {
        private readonly long[] _decodingCorrect = new long[task.Length];
        private readonly long[] _decodingTotal = new long[task.Length];
        private long _steps;
        private long _correctSteps;
        private int _exactTrials;
        private double _minMargin = double.PositiveInfinity;
        private StepReference? _minMarginAt;
        private StepFailure? _firstFailure;
        private double _crossEntropySum;
        private double _memorylessSum;

        public int Trials { get; private set; }

        public void Add(List<Trial> chunk, ChunkScores scores)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                var trial = chunk[i];
                var length = VdcmLayout.TrialLength(trial);
                var stepScores = scores.CrossEntropy.AsSpan(scores.StepOffsets[i], length);
                foreach (var crossEntropy in stepScores)
                {
                    _crossEntropySum += crossEntropy;
                }

                _steps += length;
                _correctSteps += scores.CorrectSteps[i];
                if (scores.CorrectSteps[i] == length)
                {
                    _exactTrials++;
                }

                if (_firstFailure is null && scores.FailureStep[i] >= 0)
                {
                    _firstFailure = new StepFailure(new StepReference(Trials, trial, scores.FailureStep[i]), scores.FailureExpected[i], scores.FailureOutput[i]);
                }

                if (scores.MinMarginStep[i] >= 0 && scores.MinMargin[i] < _minMargin)
                {
                    _minMargin = scores.MinMargin[i];
                    _minMarginAt = new StepReference(Trials, trial, scores.MinMarginStep[i]);
                }

                _memorylessSum += VdcmLayout.MemorylessCrossEntropy(task, trial.Delay) * length;
                Trials++;
            }

            for (var k = 0; k < _decodingCorrect.Length; k++)
            {
                _decodingCorrect[k] += scores.DecodingCorrect[k];
                _decodingTotal[k] += scores.DecodingTotal[k];
            }
        }

        public EvaluationResult ToResult(Precision precision)
        {
            var decodingAccuracy = new double[task.Length];
            for (var k = 0; k < task.Length; k++)
            {
                decodingAccuracy[k] = _decodingTotal[k] == 0 ? double.NaN : (double)_decodingCorrect[k] / _decodingTotal[k];
            }

            return new EvaluationResult(
                precision,
                Trials,
                _steps,
                (double)_correctSteps / _steps,
                (double)_exactTrials / Trials,
                decodingAccuracy,
                _minMargin,
                _minMarginAt!,
                _crossEntropySum / _steps,
                _memorylessSum / _steps,
                _firstFailure);
        }
    }
}
