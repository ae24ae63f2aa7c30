using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using GateLang.Diagnostics;
using GateLang.Syntax.Generated;

namespace GateLang.Syntax;

/// <summary>
/// Converts an ANTLR parse tree into the syntax records of this namespace. It is the only code
/// that reads parse-tree contexts, so nothing generated leaks past the parser.
/// </summary>
/// <remarks>The tree must come from a parse without syntax errors.</remarks>
internal sealed class AstBuilder(string fileName, ICharStream source)
{
    public SpecSyntax BuildSpec(GateLangParser.SpecContext context)
    {
        var declarations = context.declaration()
            .Select(BuildDeclaration)
            .ToList();
        return new SpecSyntax(declarations, Location(context));
    }

    private DeclarationSyntax BuildDeclaration(GateLangParser.DeclarationContext context)
    {
        if (context.taskDeclaration() is { } task)
        {
            return new TaskSyntax(
                Identifier(task.name),
                task.setting().Select(BuildSetting).ToList(),
                Location(task));
        }

        var network = context.networkDeclaration();
        return new NetworkSyntax(
            Identifier(network.name),
            Identifier(network.task),
            network.networkMember().Select(BuildNetworkMember).ToList(),
            Location(network));
    }

    private NetworkMemberSyntax BuildNetworkMember(GateLangParser.NetworkMemberContext context)
    {
        if (context.setting() is { } setting)
        {
            return BuildSetting(setting);
        }

        if (context.letDeclaration() is { } let)
        {
            return new LetSyntax(Identifier(let.name), BuildExpression(let.expression()), Location(let));
        }

        if (context.blockDeclaration() is { } block)
        {
            return new BlockSyntax(
                Identifier(block.kind),
                Identifier(block.name),
                block.setting().Select(BuildSetting).ToList(),
                Location(block));
        }

        if (context.trainDeclaration() is { } train)
        {
            return new TrainSyntax(train.setting().Select(BuildSetting).ToList(), Location(train));
        }

        if (context.overrideDeclaration() is { } overrideDeclaration)
        {
            return BuildOverride(overrideDeclaration);
        }

        var readout = context.readoutDeclaration();
        var items = readout.readoutItem();
        var blocks = items.Select(item => Identifier(item.name)).ToList();
        var negated = items.Select(item => item.MINUS() is not null).ToList();
        return new ReadoutSyntax(blocks, Location(readout)) { Negated = negated };
    }

    private OverrideSyntax BuildOverride(GateLangParser.OverrideDeclarationContext context)
    {
        var target = context.target;
        var selectors = target.selector().Select(BuildSelector).ToList();
        var targetSyntax = new OverrideTargetSyntax(
            Identifier(target.matrix),
            target.part is null ? null : Identifier(target.part),
            selectors,
            Text(target),
            Location(target));
        var op = context.op.Type == GateLangParser.STAR_ASSIGN ? OverrideOperator.Scale : OverrideOperator.Assign;
        return new OverrideSyntax(targetSyntax, op, BuildExpression(context.value), Location(context));
    }

    private SelectorSyntax BuildSelector(GateLangParser.SelectorContext context) =>
        new(
            Identifier(context.name),
            context.first is null ? null : BuildExpression(context.first),
            context.last is null ? null : BuildExpression(context.last),
            Text(context),
            Location(context));

    private SettingSyntax BuildSetting(GateLangParser.SettingContext context) =>
        new(Identifier(context.key), BuildSettingValue(context.settingValue()), Location(context));

    private ExpressionSyntax BuildSettingValue(GateLangParser.SettingValueContext context)
    {
        switch (context)
        {
            case GateLangParser.ScalarOrRangeValueContext { max: null } scalar:
                return BuildExpression(scalar.min);

            case GateLangParser.ScalarOrRangeValueContext range:
                return new RangeExpressionSyntax(
                    BuildExpression(range.min), BuildExpression(range.max), Text(range), Location(range));

            case GateLangParser.ListValueContext list:
                var items = list.expression().Select(BuildExpression).ToList();
                return new ListExpressionSyntax(items, Text(list), Location(list));

            default:
                throw new InvalidOperationException($"Unhandled setting value {context.GetType().Name}.");
        }
    }

    private ExpressionSyntax BuildExpression(GateLangParser.ExpressionContext context)
    {
        var text = Text(context);
        var location = Location(context);
        return context switch
        {
            GateLangParser.NumberExpressionContext number =>
                new NumberLiteralSyntax(double.Parse(number.NUMBER().GetText(), NumberStyles.Float, CultureInfo.InvariantCulture), text, location),

            GateLangParser.CallExpressionContext call =>
                new CallExpressionSyntax(Identifier(call.name), call.expression().Select(BuildExpression).ToList(), text, location),

            GateLangParser.NameExpressionContext { member: null } name =>
                new NameExpressionSyntax(Identifier(name.name), text, location),

            GateLangParser.NameExpressionContext access =>
                new MemberAccessExpressionSyntax(Identifier(access.name), Identifier(access.member), text, location),

            GateLangParser.ParenthesizedExpressionContext parenthesized =>
                new ParenthesizedExpressionSyntax(BuildExpression(parenthesized.inner), text, location),

            GateLangParser.NegateExpressionContext negate =>
                new UnaryExpressionSyntax(UnaryOperator.Negate, BuildExpression(negate.operand), text, location),

            GateLangParser.PowerExpressionContext power =>
                Binary(BinaryOperator.Power, power.left, power.right, text, location),

            GateLangParser.MultiplicativeExpressionContext multiplicative =>
                Binary(
                    multiplicative.op.Type == GateLangParser.STAR ? BinaryOperator.Multiply : BinaryOperator.Divide,
                    multiplicative.left, multiplicative.right, text, location),

            GateLangParser.AdditiveExpressionContext additive =>
                Binary(
                    additive.op.Type == GateLangParser.PLUS ? BinaryOperator.Add : BinaryOperator.Subtract,
                    additive.left, additive.right, text, location),

            _ => throw new InvalidOperationException($"Unhandled expression {context.GetType().Name}."),
        };
    }

    private BinaryExpressionSyntax Binary(
        BinaryOperator op,
        GateLangParser.ExpressionContext left,
        GateLangParser.ExpressionContext right,
        string text,
        SourceLocation location) =>
        new(op, BuildExpression(left), BuildExpression(right), text, location);

    private IdentifierSyntax Identifier(IToken token) =>
        new(token.Text, new SourceLocation(fileName, token.Line, token.Column + 1, token.StopIndex - token.StartIndex + 1));

    private string Text(ParserRuleContext context) =>
        source.GetText(Interval.Of(context.Start.StartIndex, context.Stop.StopIndex));

    /// <summary>
    /// Spans a context from its first token to its last. A spec of only comments has no last
    /// token, because the parser does not consume end of file, so its span is empty.
    /// </summary>
    private SourceLocation Location(ParserRuleContext context)
    {
        var start = context.Start;
        var length = context.Stop is { } stop ? Math.Max(0, stop.StopIndex - start.StartIndex + 1) : 0;
        return new SourceLocation(fileName, start.Line, start.Column + 1, length);
    }
}
