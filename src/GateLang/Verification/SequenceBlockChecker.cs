using System.Numerics;
using System.Runtime.CompilerServices;
using GateLang.Ir;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Verification;

/// <summary>
/// One thread's work space for <see cref="NetworkVerifier"/>: runs a block of sequences, one per
/// lane, through every delay of the range and keeps the totals of all blocks it ran.
/// </summary>
internal sealed class SequenceBlockChecker<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly BatchGruSimulator<T> _simulator;
    private readonly int _symbols;
    private readonly int _length;
    private readonly int _delayMin;
    private readonly int _delayMax;
    private readonly int _lanes;
    private readonly GruBatch<T> _shared;
    private readonly GruBatch<T> _branch;
    private readonly T[] _logits;
    private readonly int[] _sequences;
    private readonly int[] _outputs;
    private readonly TaskKind _kind;
    private readonly bool[] _sharedFailed;
    private readonly bool[] _branchFailed;

    public SequenceBlockChecker(BatchGruSimulator<T> simulator, TaskDefinition task, int lanes, int delayMin, int delayMax)
    {
        _simulator = simulator;
        _symbols = task.Symbols;
        _length = task.Length;
        _delayMin = delayMin;
        _delayMax = delayMax;
        _lanes = lanes;
        _shared = simulator.CreateBatch(lanes);
        _branch = simulator.CreateBatch(lanes);
        _logits = new T[simulator.OutputSize];
        _sequences = new int[lanes * task.Length];
        _outputs = new int[lanes * task.Length];
        _kind = task.Kind;
        _sharedFailed = new bool[lanes];
        _branchFailed = new bool[lanes];
    }

    public VerificationTotals Totals { get; } = new();

    /// <summary>Checks sequences <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of the plan at every delay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Check(SequencePlan plan, long first, int count)
    {
        var s = _length;
        for (var lane = 0; lane < _lanes; lane++)
        {
            // Lanes past the last sequence repeat it; they are run but not scored.
            plan.Fill(first + Math.Min(lane, count - 1), _sequences.AsSpan(lane * s, s));
            TaskOutputs.Compute(_kind, _sequences.AsSpan(lane * s, s).ToArray()).CopyTo(_outputs.AsSpan(lane * s, s));
            _sharedFailed[lane] = false;
        }

        var blank = VdcmLayout.BlankInput(_symbols);
        var blankClass = VdcmLayout.BlankClass(_symbols);
        _simulator.Reset(_shared);

        // Symbol steps 0..S−1 belong to every trial of the sequence.
        for (var t = 0; t < s; t++)
        {
            for (var lane = 0; lane < _lanes; lane++)
            {
                _shared.Inputs[lane] = _sequences[(lane * s) + t];
            }

            _simulator.StepWithBatchInputs(_shared);
            ScoreShared(count, t, _delayMin, blankClass);
        }

        // Blank j (step S + j) belongs to the trials with delay T ≥ j + 2, whose delimiter comes later.
        var blanks = 0;
        for (var delay = _delayMin; delay <= _delayMax; delay++)
        {
            for (; blanks < delay - 1; blanks++)
            {
                _simulator.Step(_shared, blank);
                ScoreShared(count, s + blanks, Math.Max(_delayMin, blanks + 2), blankClass);
            }

            CheckBranch(count, delay, blank, blankClass);
        }
    }

    /// <summary>Runs the delimiter and the decoding steps of <paramref name="delay"/> on a copy of the shared states.</summary>
    private void CheckBranch(int count, int delay, int blank, int blankClass)
    {
        var s = _length;
        _branch.CopyHiddenStatesFrom(_shared);
        Array.Clear(_branchFailed);

        var delimiterStep = s + delay - 1;
        _simulator.Step(_branch, VdcmLayout.DelimiterInput(_symbols));
        _simulator.Readout(_branch);
        for (var lane = 0; lane < count; lane++)
        {
            ScoreBranchLane(lane, delay, delimiterStep, blankClass);
        }

        for (var k = 0; k < s; k++)
        {
            _simulator.Step(_branch, blank);
            _simulator.Readout(_branch);
            for (var lane = 0; lane < count; lane++)
            {
                ScoreBranchLane(lane, delay, delimiterStep + 1 + k, _outputs[(lane * s) + k]);
            }
        }

        long failed = 0;
        for (var lane = 0; lane < count; lane++)
        {
            if (_sharedFailed[lane] || _branchFailed[lane])
            {
                failed++;
            }
        }

        Totals.AddFailedTrials(failed);
    }

    /// <summary>Scores a step that every trial with delay at least <paramref name="firstDelay"/> contains.</summary>
    private void ScoreShared(int count, int step, int firstDelay, int target)
    {
        _simulator.Readout(_shared);
        for (var lane = 0; lane < count; lane++)
        {
            if (!ScoreLane(_shared, lane, firstDelay, step, target))
            {
                _sharedFailed[lane] = true;
            }
        }
    }

    private void ScoreBranchLane(int lane, int delay, int step, int target)
    {
        if (!ScoreLane(_branch, lane, delay, step, target))
        {
            _branchFailed[lane] = true;
        }
    }

    /// <summary>Scores one lane's logits and offers its margin and any failure to the totals. Returns whether the step passed.</summary>
    private bool ScoreLane(GruBatch<T> batch, int lane, int delay, int step, int target)
    {
        var stride = batch.Stride;
        for (var k = 0; k < _logits.Length; k++)
        {
            _logits[k] = batch.Logits[(k * stride) + lane];
        }

        var (output, margin) = Evaluator.ScoreOutput<T>(_logits, target);
        var symbols = _sequences.AsSpan(lane * _length, _length);
        if (Totals.ImprovesMargin(margin, delay, symbols, step))
        {
            Totals.SetMinMargin(margin, new TrialStep(symbols.ToArray(), delay, step));
        }

        var passed = output == target && !double.IsNaN(margin);
        if (!passed && Totals.PrecedesCounterexample(delay, symbols, step))
        {
            Totals.SetCounterexample(new Counterexample(new TrialStep(symbols.ToArray(), delay, step), target, output, margin));
        }

        return passed;
    }
}
