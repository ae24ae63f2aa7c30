using System.Numerics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>
/// Runs a network on a trial set with the reference <see cref="GruSimulator{T}"/> and records
/// h, z, r and the logits at every step into a <see cref="Recording"/>.
/// </summary>
/// <remarks>
/// Trials are processed in fixed chunks of <see cref="ChunkSize"/>, in parallel, and the chunks'
/// sums are merged in trial order, so the recording is the same for any number of threads.
/// </remarks>
public static class NetworkRecorder
{
    /// <summary>Trials per chunk of parallel work.</summary>
    public const int ChunkSize = 32;

    /// <param name="progress">Receives a line after every tenth of the trials; called from one thread at a time.</param>
    /// <exception cref="ArgumentException">The trial set is empty, or a trial or the weights do not fit the task.</exception>
    public static Recording Record(
        GruWeights weights,
        TaskDefinition task,
        IEnumerable<Trial> trials,
        RecordingOptions? options = null,
        Action<string>? progress = null)
    {
        options ??= new RecordingOptions();
        options.Validate();
        var trialList = trials.ToList();
        CheckInputs(weights, task, trialList);

        return options.Precision == Precision.Float32
            ? Record<float>(weights, task, trialList, options, progress)
            : Record<double>(weights, task, trialList, options, progress);
    }

    internal static void CheckInputs(GruWeights weights, TaskDefinition task, IReadOnlyList<Trial> trials)
    {
        if (trials.Count == 0)
        {
            throw new ArgumentException("At least one trial is needed to record a network.", nameof(trials));
        }

        if (weights.InputSize != task.InputSize || weights.OutputSize != task.OutputSize)
        {
            throw new ArgumentException(
                $"The network has {weights.InputSize} inputs and {weights.OutputSize} outputs, but task '{task.Name}' with K = {task.Symbols} needs {task.InputSize} and {task.OutputSize}.",
                nameof(weights));
        }

        foreach (var trial in trials)
        {
            if (trial.Length != task.Length || trial.Delay < 1 || trial.Symbols.Any(s => s < 0 || s >= task.Symbols))
            {
                throw new ArgumentException(
                    $"A trial (S = {trial.Length}, T = {trial.Delay}) does not fit task '{task.Name}' (K = {task.Symbols}, S = {task.Length}, T ≥ 1).",
                    nameof(trials));
            }
        }
    }

    private static Recording Record<T>(GruWeights weights, TaskDefinition task, List<Trial> trials, RecordingOptions options, Action<string>? progress)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var simulator = new GruSimulator<T>(weights);
        var d = weights.HiddenSize;
        var s = task.Length;
        var count = trials.Count;
        var decodingOutputs = new int[count][];
        var wrongSteps = new int[count];
        var firstWrongStep = new int[count];
        var delayStartStates = new double[count][];
        var kept = Math.Min(options.KeptTrajectories, count);
        var trajectories = new TrialTrajectory[kept];

        var chunks = (count + ChunkSize - 1) / ChunkSize;
        var sums = new RecordingAccumulator[chunks];
        var done = 0;
        var nextReport = 1;
        var progressLock = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };

        Parallel.For(0, chunks, parallel, chunk =>
        {
            var accumulator = new RecordingAccumulator(s, d);
            var runner = new TrialRunner<T>(simulator, task, options.GateOpenThreshold);
            var end = Math.Min(count, (chunk + 1) * ChunkSize);
            for (var index = chunk * ChunkSize; index < end; index++)
            {
                var trajectory = index < kept ? new TrialTrajectory(index, trials[index], d, weights.OutputSize) : null;
                var result = runner.Run(trials[index], accumulator, trajectory);
                decodingOutputs[index] = result.DecodingOutputs;
                wrongSteps[index] = result.WrongSteps;
                firstWrongStep[index] = result.FirstWrongStep;
                delayStartStates[index] = result.DelayStartState;
                if (trajectory is not null)
                {
                    trajectories[index] = trajectory;
                }
            }

            sums[chunk] = accumulator;
            if (progress is not null)
            {
                lock (progressLock)
                {
                    done += end - (chunk * ChunkSize);
                    if (done * 10 >= nextReport * count)
                    {
                        progress($"recorded {done}/{count} trials");
                        nextReport = (done * 10 / count) + 1;
                    }
                }
            }
        });

        var total = sums[0];
        for (var chunk = 1; chunk < chunks; chunk++)
        {
            total.Merge(sums[chunk]);
        }

        return new Recording(task, d, weights.OutputSize, options, trials, decodingOutputs, wrongSteps, firstWrongStep, delayStartStates, total, trajectories);
    }

    /// <summary>Simulates single trials for one thread, with its own buffers.</summary>
    private sealed class TrialRunner<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly GruSimulator<T> _simulator;
        private readonly TaskDefinition _task;
        private readonly double _gateThreshold;
        private readonly T[] _state;
        private readonly T[] _scratch;
        private readonly T[] _resetGate;
        private readonly T[] _updateGate;
        private readonly T[] _logits;
        private readonly double[] _stateWide;
        private readonly double[] _resetWide;
        private readonly double[] _updateWide;

        public TrialRunner(GruSimulator<T> simulator, TaskDefinition task, double gateThreshold)
        {
            _simulator = simulator;
            _task = task;
            _gateThreshold = gateThreshold;
            var d = simulator.HiddenSize;
            _state = new T[d];
            _scratch = new T[6 * d];
            _resetGate = new T[d];
            _updateGate = new T[d];
            _logits = new T[simulator.OutputSize];
            _stateWide = new double[d];
            _resetWide = new double[d];
            _updateWide = new double[d];
        }

        public (int[] DecodingOutputs, int WrongSteps, int FirstWrongStep, double[] DelayStartState) Run(Trial trial, RecordingAccumulator sums, TrialTrajectory? trajectory)
        {
            var d = _simulator.HiddenSize;
            var s = trial.Length;
            var steps = VdcmLayout.TrialLength(trial);
            var decodingStart = VdcmLayout.FirstDecodingStep(trial);
            var delimiter = decodingStart - 1;
            var positions = AlignedTimeline.PositionCount(s);
            var decodingOutputs = new int[s];
            var delayStart = new double[d];
            var wrong = 0;
            var firstWrong = -1;

            _simulator.CopyInitialState(_state);
            for (var t = 0; t < steps; t++)
            {
                _simulator.Step(_state, VdcmLayout.InputAt(trial, _task.Symbols, t), _scratch, _resetGate, _updateGate);
                _simulator.Readout(_state, _logits);
                var output = Readouts.ArgMax<T>(_logits);
                var correct = output == VdcmLayout.TargetAt(trial, _task.Symbols, t);
                if (!correct)
                {
                    wrong++;
                    if (firstWrong < 0)
                    {
                        firstWrong = t;
                    }
                }

                Widen(_state, _stateWide);
                Widen(_updateGate, _updateWide);
                Widen(_resetGate, _resetWide);

                var phase = AlignedTimeline.PhaseAt(trial, t);
                sums.PhaseSteps[(int)phase]++;
                if (correct)
                {
                    sums.PhaseCorrect[(int)phase]++;
                }

                var updateOpen = sums.UpdateGateOpen[(int)phase];
                var resetOpen = sums.ResetGateOpen[(int)phase];
                for (var i = 0; i < d; i++)
                {
                    if (_updateWide[i] > _gateThreshold)
                    {
                        updateOpen[i]++;
                    }

                    if (_resetWide[i] > _gateThreshold)
                    {
                        resetOpen[i]++;
                    }
                }

                if (phase == TrialPhase.Delay && t < delimiter)
                {
                    sums.DelaySteps++;
                    for (var i = 0; i < d; i++)
                    {
                        sums.DelayUpdateGateSum[i] += _updateWide[i];
                    }
                }

                if (phase == TrialPhase.Decoding)
                {
                    var k = t - decodingStart;
                    decodingOutputs[k] = output;
                    var kappa = sums.ResetMetricSum[k];
                    for (var i = 0; i < d; i++)
                    {
                        kappa[i] += (1 - _updateWide[i]) * (1 - _resetWide[i]);
                    }
                }

                if (t == s)
                {
                    _stateWide.CopyTo(delayStart, 0);
                }

                for (var position = 0; position < positions; position++)
                {
                    if (AlignedTimeline.TimeAt(trial, position) == t)
                    {
                        sums.AddAligned(position, _stateWide, _updateWide, _resetWide, correct);
                    }
                }

                if (trajectory is not null)
                {
                    Store(trajectory, t);
                }
            }

            return (decodingOutputs, wrong, firstWrong, delayStart);
        }

        private void Store(TrialTrajectory trajectory, int t)
        {
            var d = _simulator.HiddenSize;
            for (var i = 0; i < d; i++)
            {
                trajectory.State[(t * d) + i] = (float)_stateWide[i];
                trajectory.UpdateGate[(t * d) + i] = (float)_updateWide[i];
                trajectory.ResetGate[(t * d) + i] = (float)_resetWide[i];
            }

            var o = _simulator.OutputSize;
            for (var c = 0; c < o; c++)
            {
                trajectory.Logits[(t * o) + c] = float.CreateChecked(_logits[c]);
            }
        }

        private static void Widen(T[] source, double[] target)
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = double.CreateChecked(source[i]);
            }
        }
    }
}

/// <summary>Readout helpers shared by the analyses.</summary>
internal static class Readouts
{
    /// <summary>The arg-max class; the lowest index wins a tie, as in <see cref="Evaluator"/> and <c>torch.argmax</c> on CPU.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> logits)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var best = 0;
        for (var k = 1; k < logits.Length; k++)
        {
            if (logits[k] > logits[best])
            {
                best = k;
            }
        }

        return best;
    }
}
