using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Tasks;

namespace GateLang.Tests.Tasks;

public class TaskOutputsTests
{
    [Fact]
    public void CopyOutputsAreSymbols()
    {
        Assert.Equal([2, 0, 1], TaskOutputs.Compute(TaskKind.Vdcm, [2, 0, 1]));
    }

    [Fact]
    public void ParityOutputsAreRunningXor()
    {
        Assert.Equal([1, 1, 0, 1, 1], TaskOutputs.Compute(TaskKind.Parity, [1, 0, 1, 1, 0]));
    }

    [Fact]
    public void TranslationReversesWhenLastBitIsOne()
    {
        Assert.Equal([1, 1, 0, 0], TaskOutputs.Compute(TaskKind.Translate, [0, 0, 1, 1]));
    }

    [Fact]
    public void TranslationFlipsWhenLastBitIsZero()
    {
        Assert.Equal([0, 1, 1, 1], TaskOutputs.Compute(TaskKind.Translate, [1, 0, 0, 0]));
    }

    [Fact]
    public void ParityRejectsNonBinarySymbols()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskOutputs.Compute(TaskKind.Parity, [0, 2]));
    }

    [Fact]
    public void LayoutTargetsUseTaskOutputs()
    {
        var task = new TaskDefinition("p", TaskKind.Parity, 2, 3, 2, 2, 1, SourceLocation.None);
        var trial = Trial.For(task, [1, 1, 0], 2);

        // Decoding starts at S + T = 5: outputs 1, 0, 0.
        Assert.Equal(1, VdcmLayout.TargetAt(trial, 2, 5));
        Assert.Equal(0, VdcmLayout.TargetAt(trial, 2, 6));
        Assert.Equal(0, VdcmLayout.TargetAt(trial, 2, 7));
        Assert.Equal(2, VdcmLayout.TargetAt(trial, 2, 4));
    }

    [Fact]
    public void GeneratorFillsOutputsForTaskKind()
    {
        var task = new TaskDefinition("t", TaskKind.Translate, 2, 6, 3, 5, 1, SourceLocation.None);

        foreach (var trial in new TrialGenerator(task, 9).Take(50))
        {
            Assert.Equal(TaskOutputs.Compute(TaskKind.Translate, trial.Symbols), trial.Outputs);
        }
    }
}
