using System.Numerics;
using GateLang.Ir;
using GateLang.Model;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Analysis;

/// <summary>
/// The slow-manifold perturbation map (Algorithm 1, Appendix A of "Gating Mechanisms Underlying
/// Sequence-to-Sequence Working Memory"): for each encoding step q and symbol p, which neurons
/// carry "p was shown at q" at the delay start, their expected values, and whether writing those
/// values into the state makes the network output p at decoding step q.
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
/// test trial, overwrite h_S[k] with E[h_k] for the n most often recorded neurons (ties by index),
/// and continue. A trial succeeds when every step outputs the target of the same trial with p at q:
/// for copy memory, decoding step q outputs p and every other step its usual target. For parity
/// and translation the targets of the changed sequence are used. Stop at the first n where all M trials succeed; otherwise keep
/// the n with the most successes (the smallest such n).</item>
/// </list>
/// <para>
/// Differences from the paper's description: the same M test trials are used for every n, so the
/// counts for different n are comparable; n never exceeds the number of recorded neurons; and a
/// pair whose neurons never differ gets no neurons and success rate 0.
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
        var simulator = new GruSimulator<T>(weights);
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

    /// <summary>Maps one (q, p) pair with its own generator and buffers.</summary>
    private sealed class PairMapper<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly GruSimulator<T> _simulator;
        private readonly TaskDefinition _task;
        private readonly PerturbationOptions _options;
        private readonly int _step;
        private readonly int _symbol;
        private readonly TrialRandom _random;
        private readonly int _delayMin;
        private readonly int _delayMax;
        private readonly T[] _scratch;
        private readonly T[] _logits;

        public PairMapper(GruSimulator<T> simulator, TaskDefinition task, PerturbationOptions options, int step, int symbol)
        {
            _simulator = simulator;
            _task = task;
            _options = options;
            _step = step;
            _symbol = symbol;
            _random = new TrialRandom(PairSeed(options.Seed, step, symbol, task.Symbols));
            _delayMin = options.DelayMin ?? task.DelayMin;
            _delayMax = options.DelayMax ?? task.DelayMax;
            _scratch = new T[6 * simulator.HiddenSize];
            _logits = new T[simulator.OutputSize];
        }

        public PerturbationEntry Map()
        {
            var d = _simulator.HiddenSize;
            var counts = new int[d];
            var valueSums = new double[d];
            var with = new T[d];
            var without = new T[d];
            for (var iteration = 0; iteration < _options.Iterations; iteration++)
            {
                var gamma = DrawTrial();
                var nu = WithSymbolAtStep(gamma);
                RunToDelayStart(gamma, without);
                RunToDelayStart(nu, with);
                for (var k = 0; k < d; k++)
                {
                    var value = double.CreateChecked(with[k]);
                    valueSums[k] += value;
                    if (Math.Abs(value - double.CreateChecked(without[k])) > _options.DifferenceThreshold)
                    {
                        counts[k]++;
                    }
                }
            }

            var recorded = Enumerable.Range(0, d)
                .Where(k => counts[k] > 0)
                .OrderByDescending(k => counts[k])
                .ThenBy(k => k)
                .Select(k => new RecordedNeuron(k, counts[k], (double)counts[k] / _options.Iterations, valueSums[k] / _options.Iterations))
                .ToArray();
            if (recorded.Length == 0)
            {
                return new PerturbationEntry(_step, _symbol, recorded, 0, [], 0, [], PerturbationOutcome.NoNeuronRecorded);
            }

            return Test(recorded);
        }

        private PerturbationEntry Test(RecordedNeuron[] recorded)
        {
            var d = _simulator.HiddenSize;
            var trials = new Trial[_options.TestTrials];
            var delayStartStates = new T[_options.TestTrials][];
            var targets = new Trial[_options.TestTrials];
            var prefixCorrect = new bool[_options.TestTrials];
            for (var index = 0; index < trials.Length; index++)
            {
                trials[index] = DrawTrial();
                targets[index] = WithSymbolAtStep(trials[index]);
                delayStartStates[index] = new T[d];
                prefixCorrect[index] = RunEncoding(trials[index], delayStartStates[index]);
            }

            var attempts = new List<PerturbationAttempt>();
            var first = Math.Min(_options.StartNeurons, recorded.Length);
            var last = Math.Min(_options.MaxNeurons, recorded.Length);
            var state = new T[d];
            for (var n = first; n <= last; n++)
            {
                var successes = 0;
                for (var index = 0; index < trials.Length; index++)
                {
                    if (!prefixCorrect[index])
                    {
                        continue;
                    }

                    delayStartStates[index].CopyTo(state, 0);
                    for (var j = 0; j < n; j++)
                    {
                        state[recorded[j].Neuron] = T.CreateChecked(recorded[j].ExpectedValue);
                    }

                    if (RunRest(trials[index], targets[index], state))
                    {
                        successes++;
                    }
                }

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

        private void RunToDelayStart(Trial trial, T[] state)
        {
            _simulator.CopyInitialState(state);
            for (var t = 0; t <= trial.Length; t++)
            {
                _simulator.Step(state, VdcmLayout.InputAt(trial, _task.Symbols, t), _scratch);
            }
        }

        /// <summary>Runs steps 0 … S, leaving h_S in <paramref name="state"/>; returns whether steps 0 … S − 1 output blank.</summary>
        private bool RunEncoding(Trial trial, T[] state)
        {
            var correct = true;
            _simulator.CopyInitialState(state);
            for (var t = 0; t < trial.Length; t++)
            {
                _simulator.Step(state, VdcmLayout.InputAt(trial, _task.Symbols, t), _scratch);
                _simulator.Readout(state, _logits);
                correct &= Readouts.ArgMax<T>(_logits) == VdcmLayout.TargetAt(trial, _task.Symbols, t);
            }

            _simulator.Step(state, VdcmLayout.InputAt(trial, _task.Symbols, trial.Length), _scratch);
            return correct;
        }

        /// <summary>
        /// Scores step S on the patched <paramref name="state"/> and runs the rest of
        /// <paramref name="trial"/>, checking each output against <paramref name="target"/>'s; stops at
        /// the first wrong output.
        /// </summary>
        private bool RunRest(Trial trial, Trial target, T[] state)
        {
            var steps = VdcmLayout.TrialLength(trial);
            for (var t = trial.Length; t < steps; t++)
            {
                if (t > trial.Length)
                {
                    _simulator.Step(state, VdcmLayout.InputAt(trial, _task.Symbols, t), _scratch);
                }

                _simulator.Readout(state, _logits);
                if (Readouts.ArgMax<T>(_logits) != VdcmLayout.TargetAt(target, _task.Symbols, t))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
