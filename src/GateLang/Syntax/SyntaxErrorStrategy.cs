using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using GateLang.Diagnostics;
using GateLang.Syntax.Generated;

namespace GateLang.Syntax;

/// <summary>
/// Turns the first syntax error of a file into one plain diagnostic and stops the parse.
/// </summary>
/// <remarks>
/// ANTLR's default strategy recovers and reports every later error with its list of expected
/// tokens. One missing brace then gives a cascade of messages. This strategy records the first
/// error only, phrases it from the parser's position (the construct being parsed and the tokens
/// it expected), and throws <see cref="ParseCanceledException"/> to end the parse.
/// It never resynchronizes, so <see cref="Sync"/> does nothing and errors surface at the token
/// the parser could not match.
/// </remarks>
internal sealed class SyntaxErrorStrategy(string fileName) : DefaultErrorStrategy
{
    private const int MaxQuotedTokenLength = 40;

    /// <summary>Tokens after which an unfinished task or network most likely lacks its '}'.</summary>
    private static readonly int[] DeclarationStartTokens =
        [TokenConstants.EOF, GateLangParser.TASK, GateLangParser.NETWORK];

    /// <summary>Tokens after which an unfinished block most likely lacks its '}'.</summary>
    private static readonly int[] NetworkMemberStartTokens =
        [GateLangParser.MEMORY, GateLangParser.CLOCK, GateLangParser.SWITCH, GateLangParser.READOUT, GateLangParser.LET, GateLangParser.TRAIN, GateLangParser.OVERRIDE];

    private static readonly int[] ExpressionStartTokens =
        [GateLangParser.NUMBER, GateLangParser.IDENT, GateLangParser.MINUS, GateLangParser.LPAREN];

    private static readonly string[] DeclarationKeywords = ["task", "network"];

    public Diagnostic? Error { get; private set; }

    public override void Sync(Parser recognizer)
    {
    }

    public override void ReportError(Parser recognizer, RecognitionException e)
    {
    }

    public override void Recover(Parser recognizer, RecognitionException e)
    {
        Record(recognizer, e);
        throw new ParseCanceledException(e);
    }

    public override IToken RecoverInline(Parser recognizer)
    {
        var e = new InputMismatchException(recognizer);
        Record(recognizer, e);
        throw new ParseCanceledException(e);
    }

    private void Record(Parser recognizer, RecognitionException e)
    {
        if (Error is not null)
        {
            return;
        }

        var offending = e.OffendingToken ?? recognizer.CurrentToken;
        var tokens = (ITokenStream)recognizer.InputStream;
        Error = Describe(recognizer, e, offending, tokens);
    }

    private Diagnostic Describe(Parser recognizer, RecognitionException e, IToken offending, ITokenStream tokens)
    {
        var location = TokenLocation(offending);
        if (offending.Type == GateLangLexer.INVALID_CHARACTER)
        {
            var character = offending.Text;
            var codePoint = char.ConvertToUtf32(character, 0);
            return DiagnosticCatalog.InvalidCharacter.Create(location, character, codePoint.ToString("X4", CultureInfo.InvariantCulture));
        }

        var context = recognizer.Context;
        var found = Quote(offending);
        var previous = PreviousToken(tokens, offending);

        if (context is GateLangParser.SpecContext)
        {
            return DescribeTopLevelToken(offending, location, found);
        }

        if (ReadoutContinuation(context) is { } name && PreviousToken(tokens, name) is { } last)
        {
            return DiagnosticCatalog.ExpectedToken.Create(TokenLocation(name), "','", Shorten(last.Text), Quote(name));
        }

        if (e is NoViableAltException noViableAlt && noViableAlt.StartToken.TokenIndex != offending.TokenIndex)
        {
            return DescribeLookaheadFailure(context, noViableAlt.StartToken, location, found);
        }

        var expected = e.GetExpectedTokens() ?? recognizer.GetExpectedTokens();
        if (expected.Contains(GateLangParser.RBRACE) && IsOpenBody(context))
        {
            return DescribeUnclosedBody(context, offending, location, found);
        }

        var description = DescribeExpected(expected);
        if (description is null || previous is null)
        {
            return DiagnosticCatalog.UnexpectedToken.Create(
                location, found, InConstruct(context), "remove it or complete the statement before it");
        }

        return DiagnosticCatalog.ExpectedToken.Create(location, description, Shorten(previous.Text), found);
    }

    private static Diagnostic DescribeTopLevelToken(IToken offending, SourceLocation location, string found)
    {
        if (offending.Type == GateLangParser.RBRACE)
        {
            return DiagnosticCatalog.UnexpectedToken.Create(
                location, found, "at the top level", "remove it, because no '{' is open here");
        }

        var fix = "a spec contains only 'task' and 'network' declarations";
        if (offending.Type == GateLangParser.IDENT && NameSuggester.FindClosest(offending.Text, DeclarationKeywords) is { } keyword)
        {
            fix = $"did you mean '{keyword}'?";
        }

        return DiagnosticCatalog.UnexpectedToken.Create(location, found, "at the top level", fix);
    }

    /// <summary>
    /// Describes a failed prediction that needed more than one token of lookahead, such as
    /// <c>beta 3</c> in a network, where <c>beta</c> could start a setting or a block.
    /// </summary>
    private static Diagnostic DescribeLookaheadFailure(ParserRuleContext context, IToken start, SourceLocation location, string found)
    {
        var startText = Shorten(start.Text);
        if (context is GateLangParser.NetworkMemberContext && start.Type == GateLangParser.IDENT)
        {
            return DiagnosticCatalog.ExpectedToken.Create(location, "'='", startText, found);
        }

        if (context is GateLangParser.ListValueContext && start.Type == GateLangParser.COMMA)
        {
            return DiagnosticCatalog.ExpectedToken.Create(location, "a value or ']'", startText, found);
        }

        return DiagnosticCatalog.UnexpectedToken.Create(
            location, found, InConstruct(context), "remove it or complete the statement before it");
    }

    /// <summary>
    /// Returns the name that directly follows a readout list when the error is in the
    /// statement that name starts, as in <c>readout = mem, clk sw</c> or
    /// <c>readout = mem clk sw</c>. The parser reads <c>clk sw</c> as the start of a block or
    /// a setting, but the likely mistake is a missing comma. Returns null otherwise.
    /// </summary>
    private static IToken? ReadoutContinuation(ParserRuleContext context)
    {
        var member = context switch
        {
            GateLangParser.NetworkMemberContext networkMember => networkMember,
            GateLangParser.BlockDeclarationContext { Parent: GateLangParser.NetworkMemberContext parent } block
                when block.LBRACE() is null => parent,
            _ => null,
        };
        if (member?.Parent is not GateLangParser.NetworkDeclarationContext network || member.Start.Type != GateLangParser.IDENT)
        {
            return null;
        }

        var start = member.Start;
        var followsReadout = network.networkMember()
            .Select(m => m.readoutDeclaration())
            .Any(readout => readout?.Stop is { } stop && stop.TokenIndex == start.TokenIndex - 1 && stop.Type == GateLangParser.IDENT);
        return followsReadout ? start : null;
    }

    private Diagnostic DescribeUnclosedBody(ParserRuleContext open, IToken offending, SourceLocation location, string found)
    {
        var closesBody = DeclarationStartTokens.Contains(offending.Type)
            || (open is GateLangParser.BlockDeclarationContext or GateLangParser.TrainDeclarationContext && NetworkMemberStartTokens.Contains(offending.Type));
        if (!closesBody)
        {
            var fix = offending.Type == GateLangParser.COMMA
                ? "separate statements with a line break, a space or ';', not ','"
                : BodyContents(open);
            return DiagnosticCatalog.UnexpectedToken.Create(location, found, InConstruct(open), fix);
        }

        var (kind, name, brace) = open switch
        {
            GateLangParser.TaskDeclarationContext task => ("task", task.name, task.LBRACE().Symbol),
            GateLangParser.NetworkDeclarationContext network => ("network", network.name, network.LBRACE().Symbol),
            GateLangParser.BlockDeclarationContext block => ("block", block.name, block.LBRACE().Symbol),
            GateLangParser.TrainDeclarationContext train => ("the train section of network", NetworkName(train), train.LBRACE().Symbol),
            _ => throw new InvalidOperationException($"Unexpected construct {open.GetType().Name}."),
        };
        return DiagnosticCatalog.MissingClosingBrace.Create(
            location, kind, Shorten(name.Text), brace.Line, brace.Column + 1, found);
    }

    private static string BodyContents(ParserRuleContext open) => open switch
    {
        GateLangParser.TaskDeclarationContext => "a task contains only settings such as 'S = 10'",
        GateLangParser.BlockDeclarationContext => "a block contains only settings such as 'size = S'",
        GateLangParser.TrainDeclarationContext => "a train section contains only settings such as 'epochs = 200'",
        _ => "a network contains settings such as 'alpha = 10', 'let' declarations, blocks, 'readout' and 'override' statements",
    };

    /// <summary>Whether <paramref name="context"/> is a task, network or block whose '{' has been read.</summary>
    private static bool IsOpenBody(ParserRuleContext context) => context switch
    {
        GateLangParser.TaskDeclarationContext task => task.LBRACE() is not null,
        GateLangParser.NetworkDeclarationContext network => network.LBRACE() is not null,
        GateLangParser.BlockDeclarationContext block => block.LBRACE() is not null,
        GateLangParser.TrainDeclarationContext train => train.LBRACE() is not null,
        _ => false,
    };

    private static IToken NetworkName(GateLangParser.TrainDeclarationContext train) =>
        ((GateLangParser.NetworkDeclarationContext)train.Parent.Parent).name;

    private static string InConstruct(ParserRuleContext context)
    {
        for (var current = context; current is not null; current = current.Parent as ParserRuleContext)
        {
            switch (current)
            {
                case GateLangParser.BlockDeclarationContext { name: { } name }:
                    return $"in block '{Shorten(name.Text)}'";
                case GateLangParser.TrainDeclarationContext train:
                    return $"in the train section of network '{Shorten(NetworkName(train).Text)}'";
                case GateLangParser.NetworkDeclarationContext { name: { } name }:
                    return $"in network '{Shorten(name.Text)}'";
                case GateLangParser.TaskDeclarationContext { name: { } name }:
                    return $"in task '{Shorten(name.Text)}'";
            }
        }

        return "here";
    }

    /// <summary>
    /// Phrases a small expected-token set in words, such as "'='" or "a value or ']'".
    /// Returns null for larger sets, which get the plainer "unexpected" message.
    /// </summary>
    private static string? DescribeExpected(IntervalSet expected)
    {
        var types = expected.ToList().ToHashSet();
        var parts = new List<string>();
        if (ExpressionStartTokens.All(types.Contains))
        {
            parts.Add("a value");
            types.ExceptWith(ExpressionStartTokens);
            types.Remove(GateLangParser.LBRACK);
        }

        if (types.Remove(GateLangParser.IDENT))
        {
            parts.Add("a name");
        }

        parts.AddRange(types.Order().Select(DisplayTokenType));
        return parts.Count is 0 or > 3 ? null : string.Join(" or ", parts);
    }

    private static string DisplayTokenType(int type) =>
        type == TokenConstants.EOF ? "end of file" : GateLangParser.DefaultVocabulary.GetLiteralName(type) ?? GateLangParser.DefaultVocabulary.GetDisplayName(type);

    private static IToken? PreviousToken(ITokenStream tokens, IToken token) =>
        token.TokenIndex > 0 ? tokens.Get(token.TokenIndex - 1) : null;

    private static string Quote(IToken token) =>
        token.Type == TokenConstants.EOF ? "end of file" : $"'{Shorten(token.Text)}'";

    private static string Shorten(string text) =>
        text.Length <= MaxQuotedTokenLength ? text : string.Concat(text.AsSpan(0, MaxQuotedTokenLength), "...");

    private SourceLocation TokenLocation(IToken token)
    {
        var length = token.Type == TokenConstants.EOF ? 0 : token.StopIndex - token.StartIndex + 1;
        return new SourceLocation(fileName, token.Line, token.Column + 1, length);
    }
}
