using System.Numerics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>
/// The slow-manifold perturbation map of Algorithm 1 (Appendix A) of "Gating Mechanisms
/// Underlying Sequence-to-Sequence Working Memory". For each encoding step q and symbol p, it finds
/// the neurons that carry "p was shown at q" at the delay start and their expected values. It then
/// tests whether writing those values into the state makes the network output p at decoding step q.
/// </summary>
/// <remarks>
/// <para>
/// For each pair (q, p), with all times 0-based:
/// </para>
/// <list type="number">
/// <item>N times: draw a sequence γ with γ_q ≠ p and a delay, let ν be γ with ν_q = p, run both to
/// h_S (the state after the first delay step), and record every neuron k with
/// |h_S^ν[k] − h_S^γ[k]| above the difference threshold. E[h_k] is the mean of h_S^ν[k] over the N runs.</item>
/// <item>Draw M test trials with symbol ≠ p at q. For n = n_start, n_start + 1, …, n_max: run each
/// test trial, overwrite h_S[k] with E[h_k] for the n most often recorded neurons, and continue.
/// Neurons recorded equally often are ranked by their mean |h_S^ν[k] − h_S^γ[k]|, then by index,
/// which matters in distributed codes where every neuron differs in every pair. A trial succeeds
/// when every step outputs the target of the same trial with p at q: for copy memory, decoding
/// step q outputs p and every other step its usual target, and for parity and translation the
/// targets of the changed sequence. Stop at the first n where all M trials succeed; otherwise
/// keep the n with the most successes (the smallest such n).</item>
/// </list>
/// <para>
/// Differences from Algorithm 1 as published: the same M test trials are used for every n, so the
/// counts for different n are comparable; ties in the recording count are broken by the mean
/// difference; n never exceeds the number of recorded neurons; and a pair whose neurons never
/// differ gets no neurons and success rate 0.
/// </para>
/// <para>
/// Each pair draws from its own <see cref="TrialRandom"/>, seeded with
/// seed + 1,000,003 × (qK + p + 1), so pairs can run in parallel and the result does not depend on
/// the number of threads.
/// </para>
/// </remarks>
public static class PerturbationMap
{
    /// <param name="progress">Receives a line per finished (q, p) pair; called from one thread at a time.</param>
    /// <exception cref="ArgumentException">The weights do not fit the task, or the task has fewer than 2 symbols.</exception>
    public static PerturbationMapResult Run(GruWeights weights, TaskDefinition task, PerturbationOptions? options = null, Action<string>? progress = null)
    {
        options ??= new PerturbationOptions();
        options.Validate();
        if (task.Symbols < 2)
        {
            throw new ArgumentException($"The perturbation map needs at least 2 symbols to swap; task '{task.Name}' has K = {task.Symbols}.", nameof(task));
        }

        if (weights.InputSize != task.InputSize || weights.OutputSize != task.OutputSize)
        {
            throw new ArgumentException($"The network has {weights.InputSize} inputs and {weights.OutputSize} outputs, but task '{task.Name}' needs {task.InputSize} and {task.OutputSize}.", nameof(weights));
        }

        return options.Precision == Precision.Float32
            ? Run<float>(weights, task, options, progress)
            : Run<double>(weights, task, options, progress);
    }

    /// <summary>The seed of pair (q, p)'s generator.</summary>
    public static long PairSeed(long seed, int step, int symbol, int symbols) =>
        unchecked(seed + (1_000_003L * ((step * (long)symbols) + symbol + 1)));

    private static PerturbationMapResult Run<T>(GruWeights weights, TaskDefinition task, PerturbationOptions options, Action<string>? progress)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var simulator = new BatchGruSimulator<T>(weights, NonlinearityMode.Reference);
        var pairs = task.Length * task.Symbols;
        var entries = new PerturbationEntry[pairs];
        var done = 0;
        var progressLock = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount };

        Parallel.For(0, pairs, parallel, pair =>
        {
            var step = pair / task.Symbols;
            var symbol = pair % task.Symbols;
            entries[pair] = new PairMapper<T>(simulator, task, options, step, symbol).Map();
            if (progress is not null)
            {
                lock (progressLock)
                {
                    done++;
                    progress($"perturbation map: {done}/{pairs} (step, symbol) pairs done");
                }
            }
        });

        return new PerturbationMapResult(options, task.Length, task.Symbols, entries);
    }

    /// <summary>
    /// Maps one (q, p) pair with its own generator. Trials run in lockstep on the batched simulator
    /// in reference mode, whose states are bit for bit those of <see cref="GruSimulator{T}"/>.
    /// </summary>
    private sealed class PairMapper<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly BatchGruSimulator<T> _simulator;
        private readonly TaskDefinition _task;
        private readonly PerturbationOptions _options;
        private readonly int _step;
        private readonly int _symbol;
        private readonly TrialRandom _random;
        private readonly int _delayMin;
        private readonly int _delayMax;

        public PairMapper(BatchGruSimulator<T> simulator, TaskDefinition task, PerturbationOptions options, int step, int symbol)
        {
            _simulator = simulator;
            _task = task;
            _options = options;
            _step = step;
            _symbol = symbol;
            _random = new TrialRandom(PairSeed(options.Seed, step, symbol, task.Symbols));
            _delayMin = options.DelayMin ?? task.DelayMin;
            _delayMax = options.DelayMax ?? task.DelayMax;
        }

        public PerturbationEntry Map()
        {
            var d = _simulator.HiddenSize;
            var gammas = new Trial[_options.Iterations];
            var nus = new Trial[_options.Iterations];
            for (var iteration = 0; iteration < gammas.Length; iteration++)
            {
                gammas[iteration] = DrawTrial();
                nus[iteration] = WithSymbolAtStep(gammas[iteration]);
            }

            var without = RunToDelayStart(gammas, checkOutputs: false).Batch;
            var with = RunToDelayStart(nus, checkOutputs: false).Batch;
            var counts = new int[d];
            var valueSums = new double[d];
            var differenceSums = new double[d];
            for (var iteration = 0; iteration < gammas.Length; iteration++)
            {
                for (var k = 0; k < d; k++)
                {
                    var value = double.CreateChecked(with.Hidden[(k * with.Stride) + iteration]);
                    var difference = Math.Abs(value - double.CreateChecked(without.Hidden[(k * without.Stride) + iteration]));
                    valueSums[k] += value;
                    differenceSums[k] += difference;
                    if (difference > _options.DifferenceThreshold)
                    {
                        counts[k]++;
                    }
                }
            }

            var recorded = Enumerable.Range(0, d)
                .Where(k => counts[k] > 0)
                .OrderByDescending(k => counts[k])
                .ThenByDescending(k => differenceSums[k])
                .ThenBy(k => k)
                .Select(k => new RecordedNeuron(k, counts[k], (double)counts[k] / _options.Iterations, valueSums[k] / _options.Iterations, differenceSums[k] / _options.Iterations))
                .ToArray();
            if (recorded.Length == 0)
            {
                return new PerturbationEntry(_step, _symbol, recorded, 0, [], 0, [], PerturbationOutcome.NoNeuronRecorded);
            }

            return Test(recorded);
        }

        private PerturbationEntry Test(RecordedNeuron[] recorded)
        {
            var trials = new Trial[_options.TestTrials];
            var targets = new Trial[_options.TestTrials];
            for (var index = 0; index < trials.Length; index++)
            {
                trials[index] = DrawTrial();
                targets[index] = WithSymbolAtStep(trials[index]);
            }

            var (delayStart, prefixCorrect) = RunToDelayStart(trials, checkOutputs: true);
            var batch = _simulator.CreateBatch(trials.Length);
            var attempts = new List<PerturbationAttempt>();
            var first = Math.Min(_options.StartNeurons, recorded.Length);
            var last = Math.Min(_options.MaxNeurons, recorded.Length);
            for (var n = first; n <= last; n++)
            {
                batch.CopyHiddenStatesFrom(delayStart);
                for (var j = 0; j < n; j++)
                {
                    var value = T.CreateChecked(recorded[j].ExpectedValue);
                    batch.Hidden.AsSpan(recorded[j].Neuron * batch.Stride, batch.Stride).Fill(value);
                }

                var successes = RunRest(batch, trials, targets, prefixCorrect);
                attempts.Add(new PerturbationAttempt(n, successes));
                if (successes == trials.Length)
                {
                    break;
                }
            }

            var best = attempts.OrderByDescending(a => a.Successes).ThenBy(a => a.Neurons).First();
            var outcome = best.Successes == trials.Length ? PerturbationOutcome.AllSucceeded : PerturbationOutcome.BestOfAttempts;
            return new PerturbationEntry(
                _step,
                _symbol,
                recorded,
                best.Neurons,
                recorded.Take(best.Neurons).Select(r => r.Neuron).ToArray(),
                (double)best.Successes / trials.Length,
                attempts,
                outcome);
        }

        private Trial DrawTrial()
        {
            var symbols = new int[_task.Length];
            for (var i = 0; i < symbols.Length; i++)
            {
                symbols[i] = _random.NextInt(_task.Symbols);
            }

            var other = _random.NextInt(_task.Symbols - 1);
            symbols[_step] = other >= _symbol ? other + 1 : other;
            return Trial.For(_task, symbols, _random.NextInclusive(_delayMin, _delayMax));
        }

        /// <summary>The same trial with p at step q, and the outputs its task expects for that sequence.</summary>
        private Trial WithSymbolAtStep(Trial trial)
        {
            var symbols = (int[])trial.Symbols.Clone();
            symbols[_step] = _symbol;
            return Trial.For(_task, symbols, trial.Delay);
        }

        /// <summary>
        /// Runs steps 0 … S of every trial, one lane each, leaving h_S in the batch. With
        /// <paramref name="checkOutputs"/>, also returns per trial whether steps 0 … S − 1 output their targets.
        /// </summary>
        private (GruBatch<T> Batch, bool[] PrefixCorrect) RunToDelayStart(Trial[] trials, bool checkOutputs)
        {
            var batch = _simulator.CreateBatch(trials.Length);
            var correct = new bool[trials.Length];
            Array.Fill(correct, true);
            var inputs = new int[trials.Length];
            _simulator.Reset(batch);
            for (var t = 0; t <= _task.Length; t++)
            {
                for (var lane = 0; lane < trials.Length; lane++)
                {
                    inputs[lane] = VdcmLayout.InputAt(trials[lane], _task.Symbols, t);
                }

                _simulator.Step(batch, inputs);
                if (checkOutputs && t < _task.Length)
                {
                    _simulator.Readout(batch);
                    for (var lane = 0; lane < trials.Length; lane++)
                    {
                        correct[lane] &= ArgMax(batch, lane) == VdcmLayout.TargetAt(trials[lane], _task.Symbols, t);
                    }
                }
            }

            return (batch, correct);
        }

        /// <summary>
        /// Scores step S on the patched states in <paramref name="batch"/> and runs the rest of each
        /// trial, checking each output against its target trial's. Returns how many trials had every
        /// output right; a lane stops counting at its first wrong output.
        /// </summary>
        private int RunRest(GruBatch<T> batch, Trial[] trials, Trial[] targets, bool[] prefixCorrect)
        {
            var alive = (bool[])prefixCorrect.Clone();
            var remaining = alive.Count(a => a);
            var inputs = new int[trials.Length];
            var blank = VdcmLayout.BlankInput(_task.Symbols);
            var steps = trials.Max(VdcmLayout.TrialLength);
            for (var t = _task.Length; t < steps && remaining > 0; t++)
            {
                if (t > _task.Length)
                {
                    for (var lane = 0; lane < trials.Length; lane++)
                    {
                        inputs[lane] = t < VdcmLayout.TrialLength(trials[lane]) ? VdcmLayout.InputAt(trials[lane], _task.Symbols, t) : blank;
                    }

                    _simulator.Step(batch, inputs);
                }

                _simulator.Readout(batch);
                for (var lane = 0; lane < trials.Length; lane++)
                {
                    if (alive[lane] && t < VdcmLayout.TrialLength(trials[lane]) && ArgMax(batch, lane) != VdcmLayout.TargetAt(targets[lane], _task.Symbols, t))
                    {
                        alive[lane] = false;
                        remaining--;
                    }
                }
            }

            return remaining;
        }

        /// <summary>The arg-max class of one lane; the lowest index wins a tie, as in <see cref="Readouts.ArgMax{T}"/>.</summary>
        private static int ArgMax(GruBatch<T> batch, int lane)
        {
            var best = 0;
            var bestValue = batch.Logits[lane];
            for (var k = 1; k < batch.OutputSize; k++)
            {
                var value = batch.Logits[(k * batch.Stride) + lane];
                if (value > bestValue)
                {
                    best = k;
                    bestValue = value;
                }
            }

            return best;
        }
    }
}
