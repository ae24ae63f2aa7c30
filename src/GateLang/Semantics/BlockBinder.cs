using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// A block after binding its own settings. A null value is unknown because of a reported
/// error. <see cref="Alpha"/> and <see cref="Beta"/> are also null when the block does not
/// override the network's values. Settings that name other blocks or inputs (<c>write</c>,
/// <c>on</c>, <c>shift</c>, …) are resolved by <see cref="BlockWiringBinder"/> once every block
/// of the network is known.
/// </summary>
internal sealed record BoundBlock(
    BlockSyntax Syntax,
    BlockKind? Kind,
    double? Size,
    double? Alpha,
    double? Beta,
    double? Ratio,
    double? EraseGain,
    InitialStateValue? InitialState,
    SettingSet Settings)
{
    public string Name => Syntax.Name.Text;

    /// <summary>The memory code as written (<c>signed</c> or <c>one_hot</c>), or null for the default.</summary>
    public MemoryCode? Code { get; init; }

    /// <summary>Whether a loaded shift register fills its slots in reverse order.</summary>
    public bool ReverseLoad { get; init; }

    /// <summary>The phases in which a clock runs.</summary>
    public ClockRun Run { get; init; } = ClockRun.Both;

    /// <summary>Whether the block has exactly one neuron, so that signals may name it.</summary>
    public bool IsOneNeuron => Kind is BlockKind.Latch or BlockKind.Toggle or BlockKind.Switch;
}

/// <summary>
/// Binds one block of a network: its kind and the settings that need nothing outside the
/// block. Checks that compare the block with the task or the network are in
/// <see cref="NetworkRules"/>; references to other blocks are in <see cref="BlockWiringBinder"/>.
/// </summary>
internal sealed class BlockBinder(DiagnosticBag diagnostics)
{
    private const double DefaultSwitchSize = 1;
    private const double DefaultEraseGain = 2;

    /// <summary>Each block kind with its word and the setting target of its body.</summary>
    public static readonly (string Word, BlockKind Kind, SettingTarget Target)[] KindWords =
    [
        ("memory", BlockKind.Memory, SettingTarget.Memory),
        ("clock", BlockKind.Clock, SettingTarget.Clock),
        ("switch", BlockKind.Switch, SettingTarget.Switch),
        ("latch", BlockKind.Latch, SettingTarget.Latch),
        ("toggle", BlockKind.Toggle, SettingTarget.Toggle),
        ("shift_register", BlockKind.ShiftRegister, SettingTarget.ShiftRegister),
    ];

    private static readonly (string Word, MemoryCode Code)[] CodeWords = [("signed", MemoryCode.Signed), ("one_hot", MemoryCode.OneHot)];

    private static readonly string[] LoadOrderWords = ["forward", "reverse"];

    private static readonly (string Word, ClockRun Run)[] RunWords = [("both", ClockRun.Both), ("encode", ClockRun.Encode), ("decode", ClockRun.Decode)];

    public BoundBlock Bind(BlockSyntax block, ValueScope scope)
    {
        var kind = ReadKind(block.Kind);
        var target = kind is { } known ? KindWords.First(entry => entry.Kind == known).Target : SettingTarget.Blocks;
        var owner = kind is null ? $"block '{block.Name.Text}'" : $"{block.Kind.Text} block '{block.Name.Text}'";
        var settings = new SettingSet(target, owner, diagnostics);
        var reader = new SettingValueReader(new ExpressionEvaluator(scope, diagnostics), diagnostics);

        double? size = kind switch
        {
            BlockKind.Switch or BlockKind.Latch or BlockKind.Toggle => DefaultSwitchSize,
            _ => null,
        };
        double? alpha = null;
        double? beta = null;
        double? ratio = null;
        double? eraseGain = kind == BlockKind.Memory ? DefaultEraseGain : null;
        InitialStateValue? initialState = null;
        MemoryCode? code = null;
        var reverseLoad = false;
        var run = ClockRun.Both;

        foreach (var setting in block.Settings)
        {
            if (!settings.TryAccept(setting))
            {
                continue;
            }

            switch (setting.Key.CanonicalText)
            {
                case SettingCatalog.Size:
                    size = CheckSize(reader.ReadInteger(setting), setting, block);
                    break;
                case SettingCatalog.Alpha:
                    alpha = reader.ReadNumber(setting);
                    break;
                case SettingCatalog.Beta:
                    beta = reader.ReadNumber(setting);
                    break;
                case SettingCatalog.Ratio:
                    ratio = CheckRatio(reader.ReadNumber(setting), setting, block);
                    break;
                case SettingCatalog.EraseGain:
                    eraseGain = CheckEraseGain(reader.ReadNumber(setting), setting, block);
                    break;
                case SettingCatalog.Init:
                    initialState = reader.ReadInitialState(setting);
                    break;
                case SettingCatalog.Code:
                    code = ReadWord(reader, setting, CodeWords.Select(entry => entry.Word).ToArray()) is { } codeWord
                        ? CodeWords.First(entry => entry.Word == codeWord).Code
                        : null;
                    break;
                case SettingCatalog.LoadOrder:
                    reverseLoad = ReadWord(reader, setting, LoadOrderWords) == "reverse";
                    break;
                case SettingCatalog.Run:
                    run = ReadWord(reader, setting, RunWords.Select(entry => entry.Word).ToArray()) is { } runWord
                        ? RunWords.First(entry => entry.Word == runWord).Run
                        : ClockRun.Both;
                    break;
            }
        }

        ReportMissingSettings(block, kind, settings, owner);
        return new BoundBlock(block, kind, size, alpha, beta, ratio, eraseGain, initialState, settings)
        {
            Code = code,
            ReverseLoad = reverseLoad,
            Run = run,
        };
    }

    private BlockKind? ReadKind(IdentifierSyntax word)
    {
        foreach (var (text, kind, _) in KindWords)
        {
            if (word.Text == text)
            {
                return kind;
            }
        }

        var words = KindWords.Select(entry => entry.Word).ToList();
        var fix = NameSuggester.FindClosest(word.Text, words) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : $"use {MessageText.JoinOr(words)}";
        diagnostics.Report(DiagnosticCatalog.UnknownBlockKind, word.Location, word.Text, fix);
        return null;
    }

    /// <summary>Reads a word value such as <c>code = one_hot</c>, reporting any other word with the valid ones.</summary>
    private string? ReadWord(SettingValueReader reader, SettingSyntax setting, IReadOnlyList<string> words)
    {
        if (reader.ReadName(setting, $"one of the words {MessageText.JoinAnd(words)}") is not { } name)
        {
            return null;
        }

        if (words.Contains(name.Text))
        {
            return name.Text;
        }

        var fix = NameSuggester.FindClosest(name.Text, words) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : $"use {MessageText.JoinOr(words)}";
        diagnostics.Report(DiagnosticCatalog.InvalidChoice, name.Location, name.Text, setting.Key.Text, fix);
        return null;
    }

    private void ReportMissingSettings(BlockSyntax block, BlockKind? kind, SettingSet settings, string owner)
    {
        if (kind is BlockKind.Memory or BlockKind.Clock && settings.IsMissing(SettingCatalog.Size))
        {
            var example = kind == BlockKind.Memory ? "size = S" : "size = S + 1";
            diagnostics.Report(DiagnosticCatalog.MissingSetting, block.Name.Location, owner, SettingCatalog.Size, example);
        }

        if (kind == BlockKind.Memory && settings.IsMissing(SettingCatalog.Ratio))
        {
            diagnostics.Report(DiagnosticCatalog.MissingSetting, block.Name.Location, owner, SettingCatalog.Ratio, "ratio = 3");
        }

        var (key, example2) = kind switch
        {
            BlockKind.Latch => (SettingCatalog.Set, "set = delim"),
            BlockKind.Toggle => (SettingCatalog.Flip, "flip = B"),
            BlockKind.ShiftRegister => (SettingCatalog.Shift, "shift = any(symbols, dec)"),
            _ => (null, null),
        };
        if (key is not null && settings.IsMissing(key))
        {
            diagnostics.Report(DiagnosticCatalog.MissingSetting, block.Name.Location, owner, key, example2);
        }
    }

    private double? CheckSize(double? value, SettingSyntax setting, BlockSyntax block)
    {
        if (value <= 0)
        {
            diagnostics.Report(DiagnosticCatalog.NonPositiveBlockSize, setting.Value.Location, MessageText.Number(value.Value), block.Name.Text);
            return null;
        }

        return value;
    }

    private double? CheckRatio(double? value, SettingSyntax setting, BlockSyntax block)
    {
        if (value <= 1)
        {
            diagnostics.Report(DiagnosticCatalog.RatioTooSmall, setting.Value.Location, MessageText.Number(value.Value), block.Name.Text);
            return null;
        }

        return value;
    }

    private double? CheckEraseGain(double? value, SettingSyntax setting, BlockSyntax block)
    {
        if (value <= 0)
        {
            diagnostics.Report(DiagnosticCatalog.EraseGainNotPositive, setting.Value.Location, MessageText.Number(value.Value), block.Name.Text);
            return null;
        }

        return value;
    }
}
