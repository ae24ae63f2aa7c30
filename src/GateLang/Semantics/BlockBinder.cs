using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// A block after binding its own settings. A null value is unknown because of a reported
/// error. <see cref="Alpha"/> and <see cref="Beta"/> are also null when the block does not
/// override the network's values.
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
}

/// <summary>
/// Binds one block of a network: its kind and the settings that need nothing outside the
/// block. Checks that compare the block with the task or the network are in
/// <see cref="NetworkBinder"/>.
/// </summary>
internal sealed class BlockBinder(DiagnosticBag diagnostics)
{
    private const double DefaultSwitchSize = 1;
    private const double DefaultEraseGain = 2;

    private static readonly (string Word, BlockKind Kind)[] KindWords =
    [
        ("memory", BlockKind.Memory),
        ("clock", BlockKind.Clock),
        ("switch", BlockKind.Switch),
    ];

    public BoundBlock Bind(BlockSyntax block, ValueScope scope)
    {
        var kind = ReadKind(block.Kind);
        var target = kind switch
        {
            BlockKind.Memory => SettingTarget.Memory,
            BlockKind.Clock => SettingTarget.Clock,
            BlockKind.Switch => SettingTarget.Switch,
            _ => SettingTarget.Blocks,
        };
        var owner = kind is null ? $"block '{block.Name.Text}'" : $"{block.Kind.Text} block '{block.Name.Text}'";
        var settings = new SettingSet(target, owner, diagnostics);
        var reader = new SettingValueReader(new ExpressionEvaluator(scope, diagnostics), diagnostics);

        double? size = kind == BlockKind.Switch ? DefaultSwitchSize : null;
        double? alpha = null;
        double? beta = null;
        double? ratio = null;
        double? eraseGain = kind == BlockKind.Memory ? DefaultEraseGain : null;
        InitialStateValue? initialState = null;

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
            }
        }

        ReportMissingSettings(block, kind, settings, owner);
        return new BoundBlock(block, kind, size, alpha, beta, ratio, eraseGain, initialState, settings);
    }

    private BlockKind? ReadKind(IdentifierSyntax word)
    {
        foreach (var (text, kind) in KindWords)
        {
            if (word.Text == text)
            {
                return kind;
            }
        }

        var words = KindWords.Select(entry => entry.Word).ToList();
        var fix = NameSuggester.FindClosest(word.Text, words) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : "use memory, clock or switch";
        diagnostics.Report(DiagnosticCatalog.UnknownBlockKind, word.Location, word.Text, fix);
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
