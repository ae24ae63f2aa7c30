using GateLang.Syntax;

namespace GateLang.Tests.Syntax;

/// <summary>The syntax that the block library added: overrides, signal calls and signed readouts.</summary>
public sealed class BlockSyntaxTests
{
    [Fact]
    public void Override_ParsesTargetSelectorsAndValue()
    {
        var change = ParseMember<OverrideSyntax>("override z.hh[mem[3], clk[0..S-1]] = -25");

        Assert.Equal("z", change.Target.Matrix.Text);
        Assert.Equal("hh", change.Target.Part!.Text);
        Assert.Equal(OverrideOperator.Assign, change.Operator);
        Assert.Equal("-25", change.Value.Text);
        Assert.Equal(2, change.Target.Selectors.Count);
        var rows = change.Target.Selectors[0];
        var columns = change.Target.Selectors[1];
        Assert.Equal(("mem", "3", null), (rows.Name.Text, rows.First!.Text, rows.Last?.Text));
        Assert.Equal(("clk", "0", "S-1"), (columns.Name.Text, columns.First!.Text, columns.Last!.Text));
    }

    [Fact]
    public void Override_ScaleOfWholeBlocks()
    {
        var change = ParseMember<OverrideSyntax>("override z.hh[mem, clk] *= 0.5");

        Assert.Equal(OverrideOperator.Scale, change.Operator);
        Assert.All(change.Target.Selectors, selector => Assert.Null(selector.First));
        Assert.Equal("z.hh[mem, clk]", change.Target.Text);
    }

    [Theory]
    [InlineData("override readout[blank, mem] = 1", "readout", null, 2)]
    [InlineData("override readout.bias[blank] *= 2", "readout", "bias", 1)]
    [InlineData("override n.bias_hh[clk] = -3", "n", "bias_hh", 1)]
    public void Override_ReadoutAndBiasTargets(string text, string matrix, string? part, int selectors)
    {
        var change = ParseMember<OverrideSyntax>(text);

        Assert.Equal(matrix, change.Target.Matrix.Text);
        Assert.Equal(part, change.Target.Part?.Text);
        Assert.Equal(selectors, change.Target.Selectors.Count);
    }

    [Fact]
    public void Readout_RecordsNegatedNames()
    {
        var readout = ParseMember<ReadoutSyntax>("readout = rev, -fwd");

        Assert.Equal(["rev", "fwd"], readout.Blocks.Select(name => name.Text));
        Assert.False(readout.IsNegated(0));
        Assert.True(readout.IsNegated(1));
    }

    [Fact]
    public void SignalCall_ParsesAsCallWithArguments()
    {
        var block = ParseMember<BlockSyntax>("shift_register buf { shift = any(symbols, -dec) }");

        var call = Assert.IsType<CallExpressionSyntax>(Assert.Single(block.Settings).Value);
        Assert.Equal("any", call.Name.Text);
        Assert.IsType<NameExpressionSyntax>(call.Arguments[0]);
        var negated = Assert.IsType<UnaryExpressionSyntax>(call.Arguments[1]);
        Assert.IsType<NameExpressionSyntax>(negated.Operand);
    }

    [Fact]
    public void NameBeforeParenthesisOnNextLine_IsACall()
    {
        // Line breaks carry no meaning, so a parenthesis after a name always makes a call.
        var block = ParseMember<BlockSyntax>("latch l { set = delim\n(1) }");

        Assert.IsType<CallExpressionSyntax>(Assert.Single(block.Settings).Value);
    }

    [Theory]
    [InlineData("override z.hh[mem clk] = 1", "expected ']' after 'mem', found 'clk'")]
    [InlineData("override z.hh[mem, clk] += 1", "expected '=' or '*=' after ']', found '+'")]
    [InlineData("override z.hh = 1", "expected '[' after 'hh', found '='")]
    [InlineData("override [mem] = 1", "expected a name or 'readout' after 'override', found '['")]
    public void MalformedOverride_OneSyntaxDiagnostic(string member, string message)
    {
        var result = SpecParser.Parse($"network n for t {{ {member} }}", "spec.gate");

        Assert.Null(result.Syntax);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GL0006", diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void OverrideIsReserved()
    {
        var result = SpecParser.Parse("network n for t { latch override { set = delim } }", "spec.gate");

        Assert.Null(result.Syntax);
        Assert.Single(result.Diagnostics);
    }

    private static T ParseMember<T>(string member)
        where T : NetworkMemberSyntax
    {
        var result = SpecParser.Parse($"network n for t {{ {member} }}", "spec.gate");
        Assert.Empty(result.Diagnostics);
        return Assert.IsType<T>(Assert.Single(result.Syntax!.Networks.Single().Members));
    }
}
