using GateLang.Analysis;

namespace GateLang.Tests.Analysis;

public class BlockStructureTests
{
    private const int Length = 5;

    private static readonly Lazy<(AnalysisSubject Subject, BlockStructureResult Blocks)> Result = new(() =>
    {
        var subject = SyntheticNetworks.Subject(Length);
        var map = PerturbationMap.Run(subject.Weights, subject.Task, new PerturbationOptions { Iterations = 10, TestTrials = 10 });
        return (subject, BlockStructure.Build(map));
    });

    [Fact]
    public void RowsAreMemoryNeuronsInStepOrder()
    {
        var (subject, blocks) = Result.Value;

        Assert.Equal(SyntheticNetworks.Neurons(SyntheticNetworks.Block(subject, "memory")), blocks.Neurons);
        Assert.Equal(Enumerable.Range(0, Length), blocks.PrimaryStep);
    }

    [Fact]
    public void EachRowFillsOnlyItsStepColumns()
    {
        var (_, blocks) = Result.Value;

        for (var row = 0; row < Length; row++)
        {
            for (var column = 0; column < blocks.Columns.Count; column++)
            {
                var used = blocks.Columns[column].Step == row;
                Assert.Equal(used, blocks.ExpectedValues[row][column] is not null);
            }

            Assert.Equal((2 * row) + 0.5, blocks.CenterOfMass[row]);
        }
    }

    [Fact]
    public void SymbolSignsMatchReadout()
    {
        var (_, blocks) = Result.Value;

        for (var row = 0; row < Length; row++)
        {
            Assert.True(blocks.ExpectedValues[row][2 * row] > 0);
            Assert.True(blocks.ExpectedValues[row][(2 * row) + 1] < 0);
        }
    }
}
