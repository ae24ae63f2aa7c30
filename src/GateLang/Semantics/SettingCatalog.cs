using GateLang.Diagnostics;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>The places a setting can appear.</summary>
[Flags]
internal enum SettingTarget
{
    None = 0,
    Task = 1,
    Network = 2,
    Memory = 4,
    Clock = 8,
    Switch = 16,
    Train = 32,
    Latch = 64,
    Toggle = 128,
    ShiftRegister = 256,

    /// <summary>The block kinds of the first GateLang version, whose size is a setting.</summary>
    SizedBlocks = Memory | Clock | Switch,
    Blocks = Memory | Clock | Switch | Latch | Toggle | ShiftRegister,
}

/// <summary>Every setting key of the language and where it may appear.</summary>
internal static class SettingCatalog
{
    public const string Kind = "kind";
    public const string Symbols = "K";
    public const string Length = "S";
    public const string Delay = "T";
    public const string Seed = "seed";
    public const string Alpha = "alpha";
    public const string Beta = "beta";
    public const string Size = "size";
    public const string Init = "init";
    public const string Ratio = "ratio";
    public const string EraseGain = "erase_gain";
    public const string Hidden = "hidden";
    public const string Architecture = "arch";
    public const string Noise = "noise";
    public const string LearningRate = "lr";
    public const string Schedule = "schedule";
    public const string Gamma = "gamma";
    public const string StepEpochs = "step_epochs";
    public const string Batch = "batch";
    public const string Epochs = "epochs";
    public const string Clip = "clip";
    public const string TrainTrials = "train_trials";
    public const string ValidationTrials = "validation_trials";
    public const string Precision = "precision";
    public const string CheckpointEvery = "checkpoint_every";
    public const string Write = "write";
    public const string Code = "code";
    public const string On = "on";
    public const string Set = "set";
    public const string Reset = "reset";
    public const string Flip = "flip";
    public const string Shift = "shift";
    public const string Clear = "clear";
    public const string Source = "source";
    public const string Load = "load";
    public const string LoadOrder = "load_order";
    public const string Run = "run";

    /// <summary>Keys in documentation order, with the places each may appear.</summary>
    private static readonly (string Key, SettingTarget Targets)[] Keys =
    [
        (Kind, SettingTarget.Task),
        (Symbols, SettingTarget.Task),
        (Length, SettingTarget.Task),
        (Delay, SettingTarget.Task),
        (Seed, SettingTarget.Task | SettingTarget.Train),
        (Alpha, SettingTarget.Network | SettingTarget.Blocks),
        (Beta, SettingTarget.Network | SettingTarget.Blocks),
        (Size, SettingTarget.SizedBlocks),
        (Init, SettingTarget.Blocks | SettingTarget.Train),
        (Ratio, SettingTarget.Memory),
        (EraseGain, SettingTarget.Memory),
        (Write, SettingTarget.Memory),
        (Code, SettingTarget.Memory),
        (On, SettingTarget.Switch),
        (Set, SettingTarget.Latch),
        (Reset, SettingTarget.Latch),
        (Flip, SettingTarget.Toggle),
        (Source, SettingTarget.ShiftRegister),
        (Shift, SettingTarget.ShiftRegister),
        (Clear, SettingTarget.ShiftRegister),
        (Load, SettingTarget.ShiftRegister),
        (LoadOrder, SettingTarget.ShiftRegister),
        (Run, SettingTarget.Clock),
        (Hidden, SettingTarget.Train),
        (Architecture, SettingTarget.Train),
        (Noise, SettingTarget.Train),
        (LearningRate, SettingTarget.Train),
        (Schedule, SettingTarget.Train),
        (Gamma, SettingTarget.Train),
        (StepEpochs, SettingTarget.Train),
        (Batch, SettingTarget.Train),
        (Epochs, SettingTarget.Train),
        (Clip, SettingTarget.Train),
        (TrainTrials, SettingTarget.Train),
        (ValidationTrials, SettingTarget.Train),
        (Precision, SettingTarget.Train),
        (CheckpointEvery, SettingTarget.Train),
    ];

    public static SettingTarget TargetsOf(string key) =>
        Keys.FirstOrDefault(entry => entry.Key == key).Targets;

    public static IReadOnlyList<string> KeysOf(SettingTarget target) =>
        Keys.Where(entry => (entry.Targets & target) != 0).Select(entry => entry.Key).ToList();

    /// <summary>Names the places in <paramref name="targets"/>, such as "networks and blocks".</summary>
    public static string DescribeTargets(SettingTarget targets)
    {
        var places = new List<string>();
        if (targets.HasFlag(SettingTarget.Task))
        {
            places.Add("tasks");
        }

        if (targets.HasFlag(SettingTarget.Network))
        {
            places.Add("networks");
        }

        var blocks = targets & SettingTarget.Blocks;
        if (blocks == SettingTarget.Blocks)
        {
            places.Add("blocks");
        }
        else if (blocks == SettingTarget.SizedBlocks)
        {
            places.Add("memory, clock and switch blocks");
        }
        else
        {
            places.AddRange(BlockTargetNames.Where(entry => blocks.HasFlag(entry.Target)).Select(entry => $"{entry.Word} blocks"));
        }

        if (targets.HasFlag(SettingTarget.Train))
        {
            places.Add("train sections");
        }

        return places.Count > 0
            ? MessageText.JoinAnd(places)
            : throw new InvalidOperationException($"No description for setting targets {targets}.");
    }

    /// <summary>Each block kind's target and its word in the language.</summary>
    public static readonly (SettingTarget Target, string Word)[] BlockTargetNames =
    [
        (SettingTarget.Memory, "memory"),
        (SettingTarget.Clock, "clock"),
        (SettingTarget.Switch, "switch"),
        (SettingTarget.Latch, "latch"),
        (SettingTarget.Toggle, "toggle"),
        (SettingTarget.ShiftRegister, "shift_register"),
    ];

    /// <summary>Names the kind of body that <paramref name="target"/> is, such as "a memory block".</summary>
    public static string DescribeTarget(SettingTarget target) => target switch
    {
        SettingTarget.Task => "a task",
        SettingTarget.Network => "a network",
        SettingTarget.Memory => "a memory block",
        SettingTarget.Clock => "a clock block",
        SettingTarget.Switch => "a switch block",
        SettingTarget.Latch => "a latch block",
        SettingTarget.Toggle => "a toggle block",
        SettingTarget.ShiftRegister => "a shift_register block",
        SettingTarget.Train => "a train section",
        _ => "a block",
    };
}

/// <summary>
/// Accepts the settings of one body (a task, a network or a block) one at a time, and reports
/// unknown keys, keys that belong elsewhere, and keys set twice.
/// </summary>
/// <param name="target">The body's kind. A block of unknown kind uses <see cref="SettingTarget.Blocks"/>.</param>
/// <param name="owner">The body for messages, such as "task 'copy10'".</param>
internal sealed class SettingSet(SettingTarget target, string owner, DiagnosticBag diagnostics)
{
    private readonly Dictionary<string, SettingSyntax> _accepted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    public SettingSyntax? this[string key] => _accepted.GetValueOrDefault(key);

    /// <summary>
    /// Whether a required setting <paramref name="key"/> should be reported as missing: it is
    /// absent and no unknown key was reported with it as the suggestion. So <c>k = 2</c> gives
    /// one diagnostic, "did you mean 'K'?", and not a second one for the missing K.
    /// </summary>
    public bool IsMissing(string key) => !_accepted.ContainsKey(key) && !_suggested.Contains(key);

    /// <summary>Returns whether <paramref name="setting"/> is valid here and not a repeat.</summary>
    public bool TryAccept(SettingSyntax setting)
    {
        var key = setting.Key.CanonicalText;
        var targets = SettingCatalog.TargetsOf(key);
        if (targets == SettingTarget.None)
        {
            diagnostics.Report(DiagnosticCatalog.UnknownSetting, setting.Key.Location, setting.Key.Text, owner, UnknownSettingFix(key));
            return false;
        }

        if ((targets & target) == 0)
        {
            diagnostics.Report(
                DiagnosticCatalog.SettingNotAllowedHere, setting.Key.Location, setting.Key.Text,
                SettingCatalog.DescribeTargets(targets), owner);
            return false;
        }

        if (_accepted.TryGetValue(key, out var earlier))
        {
            diagnostics.Report(
                DiagnosticCatalog.DuplicateSetting, setting.Key.Location, setting.Key.Text,
                earlier.Key.Location.Line, earlier.Key.Location.Column, owner);
            return false;
        }

        _accepted.Add(key, setting);
        return true;
    }

    private string UnknownSettingFix(string key)
    {
        var keys = SettingCatalog.KeysOf(target);
        if (NameSuggester.FindClosest(key, keys) is { } suggestion)
        {
            _suggested.Add(suggestion);
            return $"did you mean '{suggestion}'?";
        }

        return $"the settings of {SettingCatalog.DescribeTarget(target)} are {MessageText.JoinAnd(keys)}";
    }
}
