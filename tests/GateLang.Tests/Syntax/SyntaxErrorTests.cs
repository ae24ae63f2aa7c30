using GateLang.Diagnostics;
using GateLang.Semantics;
using GateLang.Syntax;

namespace GateLang.Tests.Syntax;

public sealed class SyntaxErrorTests
{
    [Fact]
    public void MissingTaskBrace_OneDiagnostic()
    {
        const string text = """
            task copy {
                kind = vdcm
                K = 2
            network net for copy {
                switch sw { }
            }
            """;

        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0005", diagnostic.Code);
        Assert.Equal((4, 1), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(
            "expected '}' to close task 'copy' opened at (1,11), found 'network'; add the missing '}'",
            diagnostic.Message);
    }

    [Fact]
    public void MissingBlockBrace_NamesBlock()
    {
        const string text = """
            network net for copy {
                memory mem {
                    size = S
                clock clk { size = S + 1 }
                switch sw { }
            }
            """;

        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0005", diagnostic.Code);
        Assert.Equal((4, 5), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(
            "expected '}' to close block 'mem' opened at (2,16), found 'clock'; add the missing '}'",
            diagnostic.Message);
    }

    [Fact]
    public void MissingBraceAtEnd_FindsEndOfFile()
    {
        var diagnostic = ParseSingleError("network net for copy {\n    switch sw { }\n");

        Assert.Equal("GL0005", diagnostic.Code);
        Assert.Equal((3, 1), (diagnostic.Location.Line, diagnostic.Location.Column));
        Assert.Equal(
            "expected '}' to close network 'net' opened at (1,22), found end of file; add the missing '}'",
            diagnostic.Message);
    }

    [Fact]
    public void MissingBrace_StopsBinding()
    {
        // The task has semantic errors too (no T, no S), but binding stops at the syntax error.
        var result = SpecCompiler.CheckText("task copy {\n    kind = vdcm\n    K = 1\n", "broken.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("broken.gate(4,1): error GL0005: expected '}' to close task 'copy' opened at (1,11), found end of file; add the missing '}'", diagnostic.ToString());
        Assert.True(result.HasErrors);
        Assert.Empty(result.Tasks);
        Assert.Empty(result.Networks);
    }

    [Theory]
    [InlineData("task copy { K 2 }", "expected '=' after 'K', found '2'", 1, 15)]
    [InlineData("task copy K = 2 }", "expected '{' after 'copy', found 'K'", 1, 11)]
    [InlineData("task { K = 2 }", "expected a name after 'task', found '{'", 1, 6)]
    [InlineData("network net copy { }", "expected 'for' after 'net', found 'copy'", 1, 13)]
    [InlineData("network net for { }", "expected a name after 'for', found '{'", 1, 17)]
    [InlineData("task copy { K = }", "expected a value after '=', found '}'", 1, 17)]
    [InlineData("task copy { K = 2 * }", "expected a value after '*', found '}'", 1, 21)]
    [InlineData("task copy { K = (2 + 1 }", "expected ')' after '1', found '}'", 1, 24)]
    [InlineData("task copy { K = 2 -}", "expected a value after '-', found '}'", 1, 20)]
    [InlineData("network n for t { memory { } }", "expected a name after 'memory', found '{'", 1, 26)]
    [InlineData("network n for t { beta 3 }", "expected '=' after 'beta', found '3'", 1, 24)]
    [InlineData("network n for t { readout = a, b c }", "expected ',' after 'b', found 'c'", 1, 34)]
    [InlineData("network n for t { readout = a b c }", "expected ',' after 'a', found 'b'", 1, 31)]
    [InlineData("network n for t { readout = }", "expected a name after '=', found '}'", 1, 29)]
    [InlineData("network n for t { let = 3 }", "expected a name after 'let', found '='", 1, 23)]
    [InlineData("network n for t { switch sw { init = [1, 2, } }", "expected a value or ']' after ',', found '}'", 1, 45)]
    [InlineData("network n for t { switch sw { init = [1 2] } }", "expected ']' or ',' after '1', found '2'", 1, 41)]
    [InlineData("task copy { T = 1...3 }", "expected a value after '..', found '.'", 1, 20)]
    public void MissingToken_GL0006(string text, string message, int line, int column)
    {
        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0006", diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Theory]
    [InlineData("}", "unexpected '}' at the top level; remove it, because no '{' is open here")]
    [InlineData("tsak copy { }", "unexpected 'tsak' at the top level; did you mean 'task'?")]
    [InlineData("K = 2", "unexpected 'K' at the top level; a spec contains only 'task' and 'network' declarations")]
    [InlineData("task t { } }", "unexpected '}' at the top level; remove it, because no '{' is open here")]
    [InlineData("task t { let x = 1 }", "unexpected 'let' in task 't'; a task contains only settings such as 'S = 10'")]
    [InlineData("task t { 5 }", "unexpected '5' in task 't'; a task contains only settings such as 'S = 10'")]
    [InlineData("network n for t { memory m { 5 } }", "unexpected '5' in block 'm'; a block contains only settings such as 'size = S'")]
    [InlineData("network n for t { memory m { size = S, ratio = 3 } }", "unexpected ',' in block 'm'; separate statements with a line break, a space or ';', not ','")]
    [InlineData("task t { K = 2, S = 3 }", "unexpected ',' in task 't'; separate statements with a line break, a space or ';', not ','")]
    [InlineData(
        "network n for t { = 3 }",
        "unexpected '=' in network 'n'; a network contains settings such as 'alpha = 10', 'let' declarations, blocks, 'readout' and 'override' statements")]
    public void UnexpectedToken_GL0007(string text, string message)
    {
        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0007", diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
    }

    [Theory]
    [InlineData("task t { K = 2 @ }", "@", "0040", 16)]
    [InlineData("task t { K = 2 } #", "#", "0023", 18)]
    [InlineData("task t { γ = 2 }", "γ", "03B3", 10)]
    public void InvalidCharacter_GL0004(string text, string character, string codePoint, int column)
    {
        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0004", diagnostic.Code);
        Assert.Equal(
            $"invalid character '{character}' (U+{codePoint}); remove or replace it, because names may contain only ASCII letters, digits, '_', α and β",
            diagnostic.Message);
        Assert.Equal((1, column), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Fact]
    public void DeeplyNestedExpression_RejectedBeforeParsing()
    {
        var depth = CompilerLimits.MaxExpressionOperators + 1;
        var text = $"task t {{ K = {new string('(', depth)}1{new string(')', depth)} }}";

        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0008", diagnostic.Code);
        Assert.Equal(
            "the expression starting at '(' has more than 256 operators and parentheses (CompilerLimits.MaxExpressionOperators); simplify it or split it into 'let' declarations",
            diagnostic.Message);
        Assert.Equal((1, 14), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    [Fact]
    public void LongestAllowedExpression_Parses()
    {
        var terms = Enumerable.Repeat("1", CompilerLimits.MaxExpressionOperators + 1);
        var text = $"task t {{ K = {string.Join("+", terms)} S = -(-(-1)) }}";

        var result = SpecParser.Parse(text, "spec.gate");

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Syntax);
    }

    [Fact]
    public void DeepestAllowedNesting_Evaluates()
    {
        var depth = CompilerLimits.MaxExpressionOperators / 2;
        var nested = $"{string.Concat(Enumerable.Repeat("-(", depth))}2{new string(')', depth)}";
        var text = $"task t {{ kind = vdcm K = {nested} S = 3 T = 4 }}";

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, Assert.Single(result.Tasks).Symbols);
    }

    [Fact]
    public void OversizedText_RejectedBeforeLexing()
    {
        var text = new string(' ', CompilerLimits.MaxSourceLength + 1);

        var diagnostic = ParseSingleError(text);

        Assert.Equal("GL0003", diagnostic.Code);
        Assert.Equal(
            "spec 'spec.gate' is too large: 4194305 characters, above the limit of 4194304 characters (CompilerLimits.MaxSourceLength); split it into several files",
            diagnostic.Message);
    }

    [Fact]
    public void LongToken_IsShortenedInMessage()
    {
        var name = new string('x', 100);

        var diagnostic = ParseSingleError($"task {name} K");

        Assert.Equal($"expected '{{' after '{new string('x', 40)}...', found 'K'", diagnostic.Message);
    }

    private static Diagnostic ParseSingleError(string text)
    {
        var result = SpecParser.Parse(text, "spec.gate");
        Assert.Null(result.Syntax);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }
}
