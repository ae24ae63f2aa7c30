using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;
using GateLang.Tasks;

namespace GateLang.Semantics;

/// <summary>
/// The references of one block to inputs and other blocks, resolved. A missing entry is
/// unknown because of a reported error, or not set.
/// </summary>
internal sealed record BlockWiring(IReadOnlyDictionary<string, Signal> Signals, string? Clock, string? SourceBlock);

/// <summary>
/// Resolves the settings whose values name inputs or other blocks: the signals <c>on</c>,
/// <c>set</c>, <c>reset</c>, <c>flip</c>, <c>shift</c> and <c>clear</c>, the clock of
/// <c>write</c> and <c>load</c>, and the <c>source</c> of a shift register.
/// </summary>
/// <remarks>
/// A signal is a name, a negated name <c>-name</c>, or <c>any(...)</c> / <c>all(...)</c> of
/// those. A name is a block first, then an input: a symbol name (A, B, …), <c>symbols</c> (any
/// symbol), <c>blank</c> or <c>delim</c>. Only one-neuron blocks (latch, toggle, switch) can be
/// named in a signal, because a gate reads their sign.
/// </remarks>
internal sealed class BlockWiringBinder(DiagnosticBag diagnostics, BoundNetwork network)
{
    private static readonly string[] SignalSettingKeys =
        [SettingCatalog.On, SettingCatalog.Set, SettingCatalog.Reset, SettingCatalog.Flip, SettingCatalog.Shift, SettingCatalog.Clear];

    public BlockWiring Bind(BoundBlock block)
    {
        var signals = new Dictionary<string, Signal>(StringComparer.Ordinal);
        foreach (var key in SignalSettingKeys)
        {
            if (block.Settings[key] is { } setting && ReadSignal(setting, block) is { } signal)
            {
                signals[key] = signal;
            }
        }

        if (block.Kind == BlockKind.Switch && block.Settings[SettingCatalog.On] is null && network.SymbolCount is { } k)
        {
            signals[SettingCatalog.On] = Signal.DefaultSwitch((int)k);
        }

        CheckSignalForms(block, signals);

        string? clock = null;
        if ((block.Settings[SettingCatalog.Write] ?? block.Settings[SettingCatalog.Load]) is { } clockSetting)
        {
            clock = ReadClock(clockSetting, block);
        }
        else if (block.Kind == BlockKind.Memory)
        {
            clock = DefaultClock(block);
        }

        string? source = null;
        if (block.Settings[SettingCatalog.Source] is { } sourceSetting)
        {
            source = ReadSource(sourceSetting, block);
        }

        return new BlockWiring(signals, clock, source);
    }

    private Signal? ReadSignal(SettingSyntax setting, BoundBlock block)
    {
        switch (setting.Value)
        {
            case CallExpressionSyntax call:
                var combination = call.Name.Text switch
                {
                    "any" => SignalCombination.Any,
                    "all" => SignalCombination.All,
                    _ => (SignalCombination?)null,
                };
                if (combination is null || call.Arguments.Count == 0)
                {
                    ReportInvalidSignal(setting, block, setting.Value);
                    return null;
                }

                var terms = new List<SignalTerm>();
                var valid = true;
                foreach (var argument in call.Arguments)
                {
                    if (ReadTerm(argument, setting, block) is { } term)
                    {
                        terms.Add(term);
                    }
                    else
                    {
                        valid = false;
                    }
                }

                return valid ? new Signal(combination.Value, terms, call.Text) : null;

            default:
                return ReadTerm(setting.Value, setting, block) is { } single
                    ? new Signal(SignalCombination.Any, [single], setting.Value.Text)
                    : null;
        }
    }

    private SignalTerm? ReadTerm(ExpressionSyntax expression, SettingSyntax setting, BoundBlock block)
    {
        var negated = false;
        if (expression is UnaryExpressionSyntax { Operator: UnaryOperator.Negate, Operand: NameExpressionSyntax inner })
        {
            negated = true;
            expression = inner;
        }

        if (expression is not NameExpressionSyntax name)
        {
            ReportInvalidSignal(setting, block, expression);
            return null;
        }

        var text = name.Name.Text;
        if (network.Blocks.FirstOrDefault(b => b.Name == text) is { } target)
        {
            if (!target.IsOneNeuron)
            {
                if (target.Kind is { } kind)
                {
                    diagnostics.Report(
                        DiagnosticCatalog.SignalBlockTooLarge, name.Location, text, setting.Key.Text, block.Name, KindWord(kind));
                }

                return null;
            }

            return new SignalTerm(negated ? $"-{text}" : text, [], text, negated);
        }

        if (network.SymbolCount is not { } k)
        {
            return null;
        }

        if (InputColumns(text, (int)k) is { } columns)
        {
            return new SignalTerm(negated ? $"-{text}" : text, columns, null, negated);
        }

        var candidates = AllInputNames((int)k).Concat(network.Blocks.Where(b => b.IsOneNeuron).Select(b => b.Name)).ToList();
        var fix = NameSuggester.FindClosest(text, candidates) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : "a signal names an input (symbols, blank, delim or a symbol such as A) or a latch, toggle or switch block";
        diagnostics.Report(DiagnosticCatalog.UnknownSignal, name.Location, text, setting.Key.Text, block.Name, fix);
        return null;
    }

    /// <summary>Reports signal forms that the block's lowering cannot build.</summary>
    private void CheckSignalForms(BoundBlock block, Dictionary<string, Signal> signals)
    {
        foreach (var key in new[] { SettingCatalog.Shift, SettingCatalog.Clear })
        {
            if (signals.TryGetValue(key, out var signal) && signal.Combination == SignalCombination.All && signal.Terms.Count > 1)
            {
                var setting = block.Settings[key]!;
                diagnostics.Report(
                    DiagnosticCatalog.SignalNotAllowed, setting.Value.Location, signal.Text, key, block.Name,
                    "the register ORs this signal with its other triggers, so use a name or any(...), and compute an 'all' condition in a switch such as 'switch both { on = all(delim, last) }'");
                signals.Remove(key);
            }
        }

        if (block.Kind == BlockKind.Latch && signals.ContainsKey(SettingCatalog.Reset))
        {
            foreach (var key in new[] { SettingCatalog.Set, SettingCatalog.Reset })
            {
                if (signals.TryGetValue(key, out var signal)
                    && (signal.Combination == SignalCombination.All && signal.Terms.Count > 1 || signal.Terms.Any(term => !term.IsInput)))
                {
                    var setting = block.Settings[key]!;
                    diagnostics.Report(
                        DiagnosticCatalog.SignalNotAllowed, setting.Value.Location, signal.Text, key, block.Name,
                        "a latch with both set and reset chooses its new value from the input, so name inputs only, alone or in any(...)");
                    signals.Remove(key);
                }
            }
        }
    }

    private string? ReadClock(SettingSyntax setting, BoundBlock block)
    {
        if (setting.Value is not NameExpressionSyntax name)
        {
            diagnostics.Report(
                DiagnosticCatalog.WrongValueType, setting.Value.Location, setting.Key.Text, "the name of a clock block", $"'{MessageText.Excerpt(setting.Value.Text)}'");
            return null;
        }

        var target = network.Blocks.FirstOrDefault(b => b.Name == name.Name.Text);
        if (target?.Kind == BlockKind.Clock)
        {
            return target.Name;
        }

        var clocks = network.Blocks.Where(b => b.Kind == BlockKind.Clock).Select(b => b.Name).ToList();
        var what = target is null ? "not a block of the network" : $"a {KindWord(target.Kind)} block";
        var fix = NameSuggester.FindClosest(name.Name.Text, clocks) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : clocks.Count > 0 ? $"name a clock block: {MessageText.JoinQuoted(clocks)}" : "declare a clock such as 'clock clk { size = S + 1 }'";
        diagnostics.Report(DiagnosticCatalog.ClockExpected, name.Location, setting.Key.Text, block.Name, name.Name.Text, what, fix);
        return null;
    }

    /// <summary>
    /// Returns the clock that writes a memory block without <c>write</c>: the network's only
    /// clock. With none or several, the network rules report the structure problem.
    /// </summary>
    private string? DefaultClock(BoundBlock block)
    {
        var clocks = network.Blocks.Where(b => b.Kind == BlockKind.Clock).ToList();
        if (clocks.Count == 1)
        {
            return clocks[0].Name;
        }

        // A network of memory, clock and switch blocks only gets GL0050 or GL0051 instead.
        if (!NetworkRules.IsFirstVersionShape(network) && block.Settings.IsMissing(SettingCatalog.Write))
        {
            var example = clocks.Count > 0 ? $"write = {clocks[0].Name}" : "write = clk";
            diagnostics.Report(DiagnosticCatalog.MissingSetting, block.Syntax.Name.Location, $"memory block '{block.Name}'", SettingCatalog.Write, example);
        }

        return null;
    }

    private string? ReadSource(SettingSyntax setting, BoundBlock block)
    {
        if (setting.Value is NameExpressionSyntax { Name.Text: Ir.InputNames.Symbols })
        {
            return null;
        }

        if (setting.Value is NameExpressionSyntax name && network.Blocks.FirstOrDefault(b => b.Name == name.Name.Text) is { } target)
        {
            if (target.IsOneNeuron)
            {
                return target.Name;
            }

            if (target.Kind is { } kind)
            {
                diagnostics.Report(DiagnosticCatalog.SignalBlockTooLarge, name.Location, target.Name, setting.Key.Text, block.Name, KindWord(kind));
            }

            return null;
        }

        diagnostics.Report(
            DiagnosticCatalog.WrongValueType, setting.Value.Location, setting.Key.Text,
            "'symbols' or the name of a latch, toggle or switch block", $"'{MessageText.Excerpt(setting.Value.Text)}'");
        return null;
    }

    private void ReportInvalidSignal(SettingSyntax setting, BoundBlock block, ExpressionSyntax value) =>
        diagnostics.Report(DiagnosticCatalog.InvalidSignal, value.Location, MessageText.Excerpt(value.Text), setting.Key.Text, block.Name);

    /// <summary>The input columns an input name stands for, or null when it is not an input name.</summary>
    public static IReadOnlyList<int>? InputColumns(string name, int symbols)
    {
        if (name == Ir.InputNames.Symbols)
        {
            return Enumerable.Range(0, symbols).ToList();
        }

        if (name == Ir.InputNames.Blank)
        {
            return [VdcmLayout.BlankInput(symbols)];
        }

        if (name == Ir.InputNames.Delimiter)
        {
            return [VdcmLayout.DelimiterInput(symbols)];
        }

        for (var k = 0; k < symbols; k++)
        {
            if (Ir.InputNames.Symbol(k) == name)
            {
                return [k];
            }
        }

        return null;
    }

    /// <summary>Every input name: the symbol names, then symbols, blank and delim.</summary>
    public static IEnumerable<string> AllInputNames(int symbols) =>
        Enumerable.Range(0, symbols).Select(Ir.InputNames.Symbol)
            .Concat([Ir.InputNames.Symbols, Ir.InputNames.Blank, Ir.InputNames.Delimiter]);

    public static string KindWord(BlockKind? kind) =>
        kind is { } known ? BlockBinder.KindWords.First(entry => entry.Kind == known).Word : "block";
}
