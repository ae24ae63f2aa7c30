using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using GateLang.Diagnostics;
using GateLang.Semantics;
using GateLang.Syntax.Generated;

namespace GateLang.Syntax;

/// <summary>
/// The result of parsing one spec: the syntax tree, or null with exactly one diagnostic for the
/// first syntax error.
/// </summary>
public sealed record ParseResult(SpecSyntax? Syntax, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Parses .gate source text into a <see cref="SpecSyntax"/>.</summary>
public static class SpecParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. <paramref name="fileName"/> is only used in locations.
    /// Every problem in the text becomes a diagnostic, and nothing is written to the console
    /// because ANTLR's console error listeners are removed.
    /// </summary>
    public static ParseResult Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        if (text.Length > CompilerLimits.MaxSourceLength)
        {
            var tooLarge = DiagnosticCatalog.SourceTooLarge.Create(
                new SourceLocation(fileName, 0, 0, 0), fileName, $"{text.Length} characters", CompilerLimits.MaxSourceLength);
            return new ParseResult(null, [tooLarge]);
        }

        var source = CharStreams.fromString(text);
        var lexer = new GateLangLexer(source);
        lexer.RemoveErrorListeners();
        lexer.AddErrorListener(new LexerErrorListener());

        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        if (CheckExpressionComplexity(tokens, fileName) is { } tooComplex)
        {
            return new ParseResult(null, [tooComplex]);
        }

        var strategy = new SyntaxErrorStrategy(fileName);
        var parser = new GateLangParser(tokens) { ErrorHandler = strategy };
        parser.RemoveErrorListeners();

        GateLangParser.SpecContext tree;
        try
        {
            tree = parser.spec();
        }
        catch (ParseCanceledException)
        {
            var error = strategy.Error ?? throw new InvalidOperationException("The parse was canceled without a recorded syntax error.");
            return new ParseResult(null, [error]);
        }

        var syntax = new AstBuilder(fileName, source).BuildSpec(tree);
        return new ParseResult(syntax, []);
    }

    /// <summary>
    /// Rejects an expression with more than <see cref="CompilerLimits.MaxExpressionOperators"/>
    /// operators and parentheses before parsing, so deep nesting cannot exhaust the stack.
    /// </summary>
    /// <remarks>
    /// Expressions are delimited by the tokens that end one: '=', ',', '[', '{', '}', ';' and
    /// keywords. Counting between two delimiters over-counts only when two statements sit in a
    /// row without one, which still bounds every expression.
    /// </remarks>
    private static Diagnostic? CheckExpressionComplexity(CommonTokenStream tokens, string fileName)
    {
        var count = 0;
        IToken? expressionStart = null;
        foreach (var token in tokens.GetTokens())
        {
            switch (token.Type)
            {
                case GateLangLexer.PLUS or GateLangLexer.MINUS or GateLangLexer.STAR or GateLangLexer.SLASH
                    or GateLangLexer.CARET or GateLangLexer.LPAREN:
                    count++;
                    break;

                case GateLangLexer.NUMBER or GateLangLexer.IDENT or GateLangLexer.RPAREN or GateLangLexer.DOT
                    or GateLangLexer.RANGE or GateLangLexer.INVALID_CHARACTER:
                    break;

                default:
                    count = 0;
                    expressionStart = null;
                    continue;
            }

            expressionStart ??= token;
            if (count > CompilerLimits.MaxExpressionOperators)
            {
                var location = new SourceLocation(fileName, expressionStart.Line, expressionStart.Column + 1, expressionStart.Text.Length);
                return DiagnosticCatalog.ExpressionTooComplex.Create(location, expressionStart.Text, CompilerLimits.MaxExpressionOperators);
            }
        }

        return null;
    }

    /// <summary>
    /// Fails loudly if the lexer ever reports an error. The grammar's INVALID_CHARACTER rule
    /// matches any character, so an error here is a bug in the grammar.
    /// </summary>
    private sealed class LexerErrorListener : IAntlrErrorListener<int>
    {
        public void SyntaxError(
            TextWriter output, IRecognizer recognizer, int offendingSymbol, int line, int charPositionInLine, string msg, RecognitionException e) =>
            throw new InvalidOperationException($"Lexer error at ({line},{charPositionInLine + 1}) despite the catch-all rule: {msg}");
    }
}
