using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// A task after binding. <see cref="Definition"/> is null when the task has errors.
/// <see cref="Fields"/> contains K, S, T and seed for the networks bound to the task. A field
/// is unknown (null) when its setting is missing or invalid.
/// </summary>
internal sealed record BoundTask(TaskSyntax Syntax, TaskDefinition? Definition, IReadOnlyList<NamedValue> Fields);

/// <summary>
/// Binds a task: evaluates its settings in order, checks each against the task rules and the
/// compiler limits, and builds its <see cref="TaskDefinition"/>.
/// </summary>
/// <remarks>
/// A task setting may use the task settings above it, so <c>T = 10 * S .. 12 * S</c> works
/// after <c>S = 10</c>.
/// </remarks>
internal sealed class TaskBinder(DiagnosticBag diagnostics)
{
    private const string VdcmKindName = "vdcm";

    /// <summary>Each task kind with its word in the language.</summary>
    private static readonly (string Word, TaskKind Kind)[] KindWords =
    [
        (VdcmKindName, TaskKind.Vdcm),
        ("parity", TaskKind.Parity),
        ("translate", TaskKind.Translate),
    ];
    private const int DefaultSeed = 1;

    /// <summary>Required settings, each with the example line the diagnostic suggests.</summary>
    private static readonly (string Key, string Example)[] RequiredSettings =
    [
        (SettingCatalog.Kind, "kind = vdcm"),
        (SettingCatalog.Symbols, "K = 2"),
        (SettingCatalog.Length, "S = 10"),
        (SettingCatalog.Delay, "T = 100..120"),
    ];

    public BoundTask Bind(TaskSyntax task)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var name = task.Name.Text;
        var owner = $"task '{name}'";
        var scope = new ValueScope();
        var reader = new SettingValueReader(new ExpressionEvaluator(scope, diagnostics), diagnostics);
        var settings = new SettingSet(SettingTarget.Task, owner, diagnostics);

        foreach (var setting in task.Settings)
        {
            var key = setting.Key.CanonicalText;
            if (SettingCatalog.TargetsOf(key) == SettingTarget.Task && key != SettingCatalog.Kind)
            {
                scope.DeclareLater(key, setting.Key.Location);
            }
        }

        TaskKind? kind = null;
        double? symbols = null;
        double? length = null;
        IntegerRange? delay = null;
        double? seed = DefaultSeed;

        foreach (var setting in task.Settings)
        {
            if (!settings.TryAccept(setting))
            {
                continue;
            }

            var location = setting.Key.Location;
            switch (setting.Key.CanonicalText)
            {
                case SettingCatalog.Kind:
                    kind = ReadKind(reader, setting);
                    break;

                case SettingCatalog.Symbols:
                    symbols = CheckSymbols(reader.ReadInteger(setting), setting, name);
                    scope.Define(NamedValue.Number(SettingCatalog.Symbols, NamedValueKind.TaskField, location, symbols));
                    break;

                case SettingCatalog.Length:
                    length = CheckLength(reader.ReadInteger(setting), setting, name);
                    scope.Define(NamedValue.Number(SettingCatalog.Length, NamedValueKind.TaskField, location, length));
                    break;

                case SettingCatalog.Delay:
                    delay = CheckDelay(reader.ReadIntegerRange(setting), setting, name);
                    scope.Define(NamedValue.Range(SettingCatalog.Delay, NamedValueKind.TaskField, location, delay?.Min, delay?.Max));
                    break;

                case SettingCatalog.Seed:
                    seed = CheckSeed(reader.ReadInteger(setting), setting, name);
                    scope.Define(NamedValue.Number(SettingCatalog.Seed, NamedValueKind.TaskField, location, seed));
                    break;
            }
        }

        foreach (var (key, example) in RequiredSettings)
        {
            if (settings.IsMissing(key))
            {
                diagnostics.Report(DiagnosticCatalog.MissingSetting, task.Name.Location, owner, key, example);
            }
        }

        if (kind is TaskKind.Parity or TaskKind.Translate && symbols is { } k && k != 2 && settings[SettingCatalog.Symbols] is { } symbolSetting)
        {
            diagnostics.Report(
                DiagnosticCatalog.TaskNeedsBinary, symbolSetting.Value.Location, name, KindWords.First(entry => entry.Kind == kind).Word,
                MessageText.Number(k));
            symbols = null;
        }

        if (length is { } s && delay is { } t && settings[SettingCatalog.Delay] is { } delaySetting)
        {
            var maxTrialLength = 2 * s + t.Max;
            if (maxTrialLength > CompilerLimits.MaxTrialLength)
            {
                diagnostics.Report(
                    DiagnosticCatalog.TrialTooLong, delaySetting.Value.Location, name,
                    MessageText.Number(maxTrialLength), CompilerLimits.MaxTrialLength);
                length = null;
                delay = null;
            }
        }

        var fields = new[]
        {
            NamedValue.Number(SettingCatalog.Symbols, NamedValueKind.TaskField, SourceLocation.None, symbols),
            NamedValue.Number(SettingCatalog.Length, NamedValueKind.TaskField, SourceLocation.None, length),
            NamedValue.Range(SettingCatalog.Delay, NamedValueKind.TaskField, SourceLocation.None, delay?.Min, delay?.Max),
            NamedValue.Number(SettingCatalog.Seed, NamedValueKind.TaskField, SourceLocation.None, seed),
        };

        TaskDefinition? definition = null;
        if (diagnostics.ErrorCount == errorsBefore
            && kind is { } taskKind
            && symbols is { } symbolCount
            && length is { } sequenceLength
            && delay is { } delayRange
            && seed is { } seedValue)
        {
            // Every value was checked against its limit above, so the conversions are exact.
            definition = new TaskDefinition(
                name, taskKind, (int)symbolCount, (int)sequenceLength, (int)delayRange.Min, (int)delayRange.Max, (int)seedValue,
                task.Name.Location);
        }

        return new BoundTask(task, definition, fields);
    }

    private TaskKind? ReadKind(SettingValueReader reader, SettingSyntax setting)
    {
        if (reader.ReadName(setting, $"a task kind name such as '{VdcmKindName}'") is not { } kindName)
        {
            return null;
        }

        foreach (var (word, kind) in KindWords)
        {
            if (kindName.Text == word)
            {
                return kind;
            }
        }

        var words = KindWords.Select(entry => entry.Word).ToList();
        var fix = NameSuggester.FindClosest(kindName.Text, words) is { } suggestion
            ? $"did you mean '{suggestion}'?"
            : $"the task kinds are {MessageText.JoinAnd(words)}";
        diagnostics.Report(DiagnosticCatalog.UnknownTaskKind, kindName.Location, kindName.Text, fix);
        return null;
    }

    private double? CheckSymbols(double? value, SettingSyntax setting, string task)
    {
        switch (value)
        {
            case < 2:
                diagnostics.Report(DiagnosticCatalog.TooFewSymbols, setting.Value.Location, MessageText.Number(value.Value), task);
                return null;
            case > CompilerLimits.MaxSymbols:
                diagnostics.Report(
                    DiagnosticCatalog.TooManySymbols, setting.Value.Location, MessageText.Number(value.Value), task, CompilerLimits.MaxSymbols);
                return null;
            default:
                return value;
        }
    }

    private double? CheckLength(double? value, SettingSyntax setting, string task)
    {
        if (value < 1)
        {
            diagnostics.Report(DiagnosticCatalog.SequenceLengthTooSmall, setting.Value.Location, MessageText.Number(value.Value), task);
            return null;
        }

        return value;
    }

    private IntegerRange? CheckDelay(IntegerRange? range, SettingSyntax setting, string task)
    {
        if (range is not { } delay)
        {
            return null;
        }

        var valid = true;
        if (delay.Min < 1)
        {
            diagnostics.Report(DiagnosticCatalog.DelayTooSmall, setting.Value.Location, MessageText.Number(delay.Min), task);
            valid = false;
        }

        if (delay.Min > delay.Max)
        {
            diagnostics.Report(
                DiagnosticCatalog.DelayRangeReversed, setting.Value.Location, MessageText.Number(delay.Min), MessageText.Number(delay.Max), task);
            valid = false;
        }

        return valid ? delay : null;
    }

    private double? CheckSeed(double? value, SettingSyntax setting, string task)
    {
        if (value is < 0 or > CompilerLimits.MaxSeed)
        {
            diagnostics.Report(DiagnosticCatalog.SeedOutOfRange, setting.Value.Location, MessageText.Number(value.Value), task);
            return null;
        }

        return value;
    }
}
