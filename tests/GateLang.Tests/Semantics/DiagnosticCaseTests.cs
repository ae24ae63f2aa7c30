using GateLang.Diagnostics;

namespace GateLang.Tests.Semantics;

public sealed class DiagnosticCaseTests
{
    public static TheoryData<string> CaseNames => new(DiagnosticCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_ReportsExactlyItsDiagnostic(string name)
    {
        var testCase = DiagnosticCases.All.Single(c => c.Name == name);

        var result = testCase.Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(testCase.Code, diagnostic.Code);
        Assert.Equal(testCase.Message, diagnostic.Message);
        Assert.Equal(ExpectedLocation(testCase), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(testCase.Text is null ? testCase.Path : "spec.gate", diagnostic.Location.File);
        Assert.Equal(diagnostic.Severity == DiagnosticSeverity.Error, result.HasErrors);
    }

    [Fact]
    public void Cases_HaveUniqueNames()
    {
        var duplicates = DiagnosticCases.All.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void ValidSpec_HasNoDiagnostics()
    {
        var result = GateLang.Semantics.SpecCompiler.CheckText(DiagnosticCases.ValidSpec, "spec.gate");

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Tasks);
        Assert.Single(result.Networks);
    }

    private static (int Line, int Column) ExpectedLocation(DiagnosticCase testCase)
    {
        if (testCase.At is null)
        {
            return (0, 0);
        }

        var text = testCase.Text!;
        var index = text.IndexOf(testCase.At, StringComparison.Ordinal);
        Assert.True(index >= 0, $"Case '{testCase.Name}': the text does not contain '{testCase.At}'.");
        var before = text[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
