using GateLang.Syntax;

namespace GateLang.Tests.Syntax;

public sealed class SpecParserTests
{
    private const string ExampleSpec = """
        // The example from docs/language.md.
        task copy10 {
            kind = vdcm          // only task kind in v1
            K = 2
            S = 10
            T = 100..120
            seed = 1
        }

        network binary10 for copy10 {
            alpha = 10
            β = 3;
            let gain = 1

            memory mem {
                size = S
                ratio = 3
                erase_gain = 2
                init = [0, 0.5, -1e-3,]
            }
            clock clk { size = S + 1 }
            switch sw { size = 1 };
            readout = mem, clk, sw
        }
        """;

    [Fact]
    public void Example_ParsesIntoDeclarations()
    {
        var spec = ParseValid(ExampleSpec);

        Assert.Equal(2, spec.Declarations.Count);
        var task = Assert.IsType<TaskSyntax>(spec.Declarations[0]);
        var network = Assert.IsType<NetworkSyntax>(spec.Declarations[1]);
        Assert.Equal("copy10", task.Name.Text);
        Assert.Equal(["kind", "K", "S", "T", "seed"], task.Settings.Select(s => s.Key.Text));
        Assert.Equal("binary10", network.Name.Text);
        Assert.Equal("copy10", network.TaskName.Text);
        Assert.Equal(7, network.Members.Count);
    }

    [Fact]
    public void Example_NetworkMembersKeepSourceOrder()
    {
        var network = ParseValid(ExampleSpec).Networks.Single();

        var alpha = Assert.IsType<SettingSyntax>(network.Members[0]);
        var beta = Assert.IsType<SettingSyntax>(network.Members[1]);
        var let = Assert.IsType<LetSyntax>(network.Members[2]);
        var memory = Assert.IsType<BlockSyntax>(network.Members[3]);
        var clock = Assert.IsType<BlockSyntax>(network.Members[4]);
        var switchBlock = Assert.IsType<BlockSyntax>(network.Members[5]);
        var readout = Assert.IsType<ReadoutSyntax>(network.Members[6]);

        Assert.Equal("alpha", alpha.Key.Text);
        Assert.Equal("β", beta.Key.Text);
        Assert.Equal("beta", beta.Key.CanonicalText);
        Assert.Equal("gain", let.Name.Text);
        Assert.Equal(("memory", "mem"), (memory.Kind.Text, memory.Name.Text));
        Assert.Equal(("clock", "clk"), (clock.Kind.Text, clock.Name.Text));
        Assert.Equal(("switch", "sw"), (switchBlock.Kind.Text, switchBlock.Name.Text));
        Assert.Equal(["mem", "clk", "sw"], readout.Blocks.Select(b => b.Text));
    }

    [Fact]
    public void Setting_RangeAndListValues()
    {
        var spec = ParseValid(ExampleSpec);
        var delay = spec.Tasks.Single().Settings.Single(s => s.Key.Text == "T");
        var memory = spec.Networks.Single().Members.OfType<BlockSyntax>().First();
        var init = memory.Settings.Single(s => s.Key.Text == "init");

        var range = Assert.IsType<RangeExpressionSyntax>(delay.Value);
        Assert.Equal(100, Assert.IsType<NumberLiteralSyntax>(range.Min).Value);
        Assert.Equal(120, Assert.IsType<NumberLiteralSyntax>(range.Max).Value);
        Assert.Equal("100..120", range.Text);

        var list = Assert.IsType<ListExpressionSyntax>(init.Value);
        Assert.Equal(3, list.Items.Count);
        Assert.Equal(0.5, Assert.IsType<NumberLiteralSyntax>(list.Items[1]).Value);
        var negated = Assert.IsType<UnaryExpressionSyntax>(list.Items[2]);
        Assert.Equal(1e-3, Assert.IsType<NumberLiteralSyntax>(negated.Operand).Value);
    }

    [Fact]
    public void Locations_AreOneBasedLineAndColumn()
    {
        var spec = ParseValid(ExampleSpec);
        var task = spec.Tasks.Single();
        var network = spec.Networks.Single();
        var clock = network.Members.OfType<BlockSyntax>().Single(b => b.Name.Text == "clk");
        var clockSize = clock.Settings.Single();

        Assert.Equal((2, 6, 6), (task.Name.Location.Line, task.Name.Location.Column, task.Name.Location.Length));
        Assert.Equal((2, 1), (task.Location.Line, task.Location.Column));
        Assert.Equal("spec.gate", task.Location.File);
        Assert.Equal((21, 5), (clock.Location.Line, clock.Location.Column));
        Assert.Equal((21, 17, 4), (clockSize.Key.Location.Line, clockSize.Key.Location.Column, clockSize.Key.Location.Length));
        Assert.Equal("S + 1", clockSize.Value.Text);
        Assert.Equal((21, 24, 5), (clockSize.Value.Location.Line, clockSize.Value.Location.Column, clockSize.Value.Location.Length));
    }

    [Theory]
    [InlineData("-2^2", "-(2^2)")]
    [InlineData("2^3^2", "(2^(3^2))")]
    [InlineData("1-2-3", "((1-2)-3)")]
    [InlineData("1+2*3", "(1+(2*3))")]
    [InlineData("-2*3", "(-2*3)")]
    [InlineData("(1+2)*3", "((1+2)*3)")]
    [InlineData("8/4/2", "((8/4)/2)")]
    [InlineData("2^-1", "(2^-1)")]
    [InlineData("T.min + S", "(T.min+S)")]
    public void Expression_PrecedenceAndAssociativity(string expression, string expected)
    {
        var value = ParseSettingValue(expression);

        Assert.Equal(expected, Render(value));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("0.5", 0.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("2E+2", 200)]
    [InlineData("12.75e1", 127.5)]
    public void NumberLiteral_Formats(string literal, double expected)
    {
        var value = Assert.IsType<NumberLiteralSyntax>(ParseSettingValue(literal));

        Assert.Equal(expected, value.Value);
    }

    [Fact]
    public void NumberLiteral_BeyondDoubleRangeIsInfinite()
    {
        var value = Assert.IsType<NumberLiteralSyntax>(ParseSettingValue("1e999"));

        Assert.True(double.IsPositiveInfinity(value.Value));
    }

    [Fact]
    public void Range_WithoutSpacesLexesAsTwoNumbers()
    {
        var range = Assert.IsType<RangeExpressionSyntax>(ParseSettingValue("1.5..2"));

        Assert.Equal(1.5, Assert.IsType<NumberLiteralSyntax>(range.Min).Value);
        Assert.Equal(2, Assert.IsType<NumberLiteralSyntax>(range.Max).Value);
    }

    [Fact]
    public void Statements_NeedNoSeparatorOrNewline()
    {
        var spec = ParseValid("task t { kind = vdcm K = 2 S = 3; T = 4..5 } network n for t { alpha = 9 switch sw { } }");

        Assert.Equal(4, spec.Tasks.Single().Settings.Count);
        Assert.Equal(2, spec.Networks.Single().Members.Count);
    }

    [Fact]
    public void EmptyText_ParsesToEmptySpec()
    {
        var spec = ParseValid("  // only a comment\n");

        Assert.Empty(spec.Declarations);
    }

    [Fact]
    public void GreekAliases_AreCanonicalized()
    {
        var network = ParseValid("network n for t { α = 12 let x = β }").Networks.Single();
        var alpha = Assert.IsType<SettingSyntax>(network.Members[0]);
        var let = Assert.IsType<LetSyntax>(network.Members[1]);
        var reference = Assert.IsType<NameExpressionSyntax>(let.Value);

        Assert.Equal("alpha", alpha.Key.CanonicalText);
        Assert.Equal("β", reference.Name.Text);
        Assert.Equal("beta", reference.Name.CanonicalText);
    }

    [Fact]
    public void UnknownBlockKind_ParsesAsBlock()
    {
        var network = ParseValid("network n for t { memroy mem { size = 2 } }").Networks.Single();

        var block = Assert.IsType<BlockSyntax>(Assert.Single(network.Members));
        Assert.Equal("memroy", block.Kind.Text);
    }

    internal static SpecSyntax ParseValid(string text)
    {
        var result = SpecParser.Parse(text, "spec.gate");
        Assert.Empty(result.Diagnostics);
        return Assert.IsType<SpecSyntax>(result.Syntax);
    }

    private static ExpressionSyntax ParseSettingValue(string expression)
    {
        var spec = ParseValid($"task t {{ x = {expression} }}");
        return spec.Tasks.Single().Settings.Single().Value;
    }

    /// <summary>Writes an expression with every binary operation in parentheses.</summary>
    private static string Render(ExpressionSyntax expression) => expression switch
    {
        NumberLiteralSyntax number => number.Text,
        NameExpressionSyntax name => name.Name.Text,
        MemberAccessExpressionSyntax access => $"{access.Target.Text}.{access.Member.Text}",
        ParenthesizedExpressionSyntax parenthesized => Render(parenthesized.Inner),
        UnaryExpressionSyntax unary => $"-{Render(unary.Operand)}",
        BinaryExpressionSyntax binary => $"({Render(binary.Left)}{Symbol(binary.Operator)}{Render(binary.Right)})",
        _ => throw new InvalidOperationException(expression.GetType().Name),
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "^",
    };
}
