using GateLang.Ir;

namespace GateLang.Tasks;

/// <summary>
/// Draws trials of a task: each symbol uniform over K, the delay uniform over the given range.
/// The same seed and range give the same trials in the same order.
/// </summary>
public sealed class TrialGenerator
{
    private readonly TaskDefinition _task;
    private readonly TrialRandom _random;
    private readonly int _delayMin;
    private readonly int _delayMax;

    public TrialGenerator(TaskDefinition task, long seed, int? delayMin = null, int? delayMax = null)
    {
        _task = task;
        _random = new TrialRandom(seed);
        _delayMin = delayMin ?? task.DelayMin;
        _delayMax = delayMax ?? task.DelayMax;
        if (_delayMin < 1 || _delayMax < _delayMin)
        {
            throw new ArgumentOutOfRangeException(nameof(delayMin), $"Delay range {_delayMin}..{_delayMax} is invalid.");
        }
    }

    public Trial Next()
    {
        var symbols = new int[_task.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = _random.NextInt(_task.Symbols);
        }

        var delay = _random.NextInclusive(_delayMin, _delayMax);
        return Trial.For(_task, symbols, delay);
    }

    public IEnumerable<Trial> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }
}
