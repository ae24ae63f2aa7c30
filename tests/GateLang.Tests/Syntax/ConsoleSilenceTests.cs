using GateLang.Semantics;

namespace GateLang.Tests.Syntax;

[CollectionDefinition(nameof(ConsoleSilenceTests), DisableParallelization = true)]
public sealed class ConsoleSilenceCollection;

/// <summary>
/// ANTLR's default error listener prints to the console. These tests capture the console while
/// checking broken specs, so they run alone.
/// </summary>
[Collection(nameof(ConsoleSilenceTests))]
public sealed class ConsoleSilenceTests
{
    [Theory]
    [InlineData("task t { K = 2 @ }")]
    [InlineData("task t { K 2 }")]
    [InlineData("network n for t { beta 3 }")]
    [InlineData("network n for t { memory m { size = 1")]
    [InlineData("task t { K = 1 S = 0 T = 9..1 } network n for x { }")]
    public void CheckText_WritesNothingToConsole(string text)
    {
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            var result = SpecCompiler.CheckText(text, "spec.gate");
            Assert.True(result.HasErrors);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.Equal("", output.ToString());
    }
}
