using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// Binds a network's <c>train</c> section to a <see cref="TrainingDefinition"/>, filling in
/// defaults and checking every value's range.
/// </summary>
/// <remarks>
/// Defaults: the blocks' total size as hidden size, arch = gru, init = default, noise = 0,
/// lr = 1e-3, schedule = constant (gamma = 0.5 every 50 epochs for schedule = step),
/// batch = 200 and epochs = 200 (the batch size and epoch count of the trained GRU in *Gating Mechanisms Underlying Sequence-to-Sequence Working Memory*), clip = 1, 10,000 training trials per
/// epoch, 1,000 validation trials, the task's seed, f32, and a checkpoint every 10 epochs.
/// </remarks>
internal sealed class TrainBinder(DiagnosticBag diagnostics, SettingValueReader reader)
{
    private static readonly (string Word, Architecture Value)[] Architectures =
        [("gru", Architecture.Gru), ("lstm", Architecture.Lstm), ("rnn", Architecture.Rnn)];

    private static readonly (string Word, Initialization Value)[] Initializations =
        [("default", Initialization.Default), ("orthogonal", Initialization.Orthogonal), ("synthetic", Initialization.Synthetic)];

    private static readonly (string Word, LearningRateSchedule Value)[] Schedules =
        [("constant", LearningRateSchedule.Constant), ("step", LearningRateSchedule.Step), ("cosine", LearningRateSchedule.Cosine)];

    private static readonly (string Word, bool Value)[] Precisions = [("f32", false), ("f64", true)];

    /// <summary>Returns the definition, or null when a value has an error.</summary>
    /// <param name="blockHiddenSize">The blocks' total size, or null when the network has no blocks.</param>
    public TrainingDefinition? Bind(TrainSyntax train, string networkName, int? blockHiddenSize, int taskSeed)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var settings = new SettingSet(SettingTarget.Train, $"the train section of network '{networkName}'", diagnostics);
        foreach (var setting in train.Settings)
        {
            settings.TryAccept(setting);
        }

        var range = new RangeChecker(diagnostics, networkName);
        int? hidden = settings[SettingCatalog.Hidden] is { } hiddenSetting
            ? range.Integer(hiddenSetting, reader.ReadInteger(hiddenSetting), 1, CompilerLimits.MaxHiddenSize)
            : blockHiddenSize;
        var architecture = Choice(settings[SettingCatalog.Architecture], Architectures, Architecture.Gru);
        var initialization = Choice(settings[SettingCatalog.Init], Initializations, Initialization.Default);
        var noise = range.Number(settings[SettingCatalog.Noise], reader, 0, min: 0, minInclusive: true, "use a standard deviation of 0 or more");
        var learningRate = range.Number(settings[SettingCatalog.LearningRate], reader, 1e-3, min: 0, minInclusive: false, "use a positive learning rate such as 1e-3");
        var schedule = Choice(settings[SettingCatalog.Schedule], Schedules, LearningRateSchedule.Constant);
        var gamma = range.Number(settings[SettingCatalog.Gamma], reader, 0.5, min: 0, minInclusive: false, "use a factor in (0, 1], such as 0.5", max: 1);
        var stepEpochs = range.Integer(settings[SettingCatalog.StepEpochs], reader, 50, 1, int.MaxValue);
        var batch = range.Integer(settings[SettingCatalog.Batch], reader, 200, 1, 1_000_000);
        var epochs = range.Integer(settings[SettingCatalog.Epochs], reader, 200, 1, 1_000_000);
        var clip = range.Number(settings[SettingCatalog.Clip], reader, 1.0, min: 0, minInclusive: true, "use a positive maximum gradient norm, or 0 to turn clipping off");
        var trainTrials = range.Integer(settings[SettingCatalog.TrainTrials], reader, 10_000, 1, 100_000_000);
        var validationTrials = range.Integer(settings[SettingCatalog.ValidationTrials], reader, 1000, 1, 100_000_000);
        var seed = range.Integer(settings[SettingCatalog.Seed], reader, taskSeed, 0, CompilerLimits.MaxSeed);
        var float64 = Choice(settings[SettingCatalog.Precision], Precisions, false);
        var checkpointEvery = range.Integer(settings[SettingCatalog.CheckpointEvery], reader, 10, 1, int.MaxValue);

        if (hidden is null && blockHiddenSize is null && settings.IsMissing(SettingCatalog.Hidden))
        {
            diagnostics.Report(DiagnosticCatalog.MissingHiddenSize, train.Location, networkName);
        }

        if (initialization == Initialization.Synthetic)
        {
            CheckSyntheticShape(settings, networkName, blockHiddenSize, hidden, architecture);
        }

        if (diagnostics.ErrorCount != errorsBefore || hidden is null || architecture is null || initialization is null
            || noise is null || learningRate is null || schedule is null || gamma is null || stepEpochs is null || batch is null
            || epochs is null || clip is null || trainTrials is null || validationTrials is null || seed is null || float64 is null
            || checkpointEvery is null)
        {
            return null;
        }

        return new TrainingDefinition(
            hidden.Value, architecture.Value, initialization.Value, noise.Value, learningRate.Value, schedule.Value, gamma.Value,
            stepEpochs.Value, batch.Value, epochs.Value, clip.Value, trainTrials.Value, validationTrials.Value, seed.Value,
            float64.Value, checkpointEvery.Value, train.Location);
    }

    private void CheckSyntheticShape(SettingSet settings, string networkName, int? blockHiddenSize, int? hidden, Architecture? architecture)
    {
        var init = settings[SettingCatalog.Init]!;
        if (blockHiddenSize is null)
        {
            diagnostics.Report(DiagnosticCatalog.SyntheticInitWithoutBlocks, init.Value.Location, networkName);
            return;
        }

        if (settings[SettingCatalog.Hidden] is { } hiddenSetting && hidden is { } size && size != blockHiddenSize)
        {
            diagnostics.Report(
                DiagnosticCatalog.SyntheticInitShapeMismatch, hiddenSetting.Value.Location, networkName,
                $"hidden = {blockHiddenSize}, the blocks' total size", $"hidden = {size}", $"remove 'hidden' or set it to {blockHiddenSize}");
        }

        if (settings[SettingCatalog.Architecture] is { } archSetting && architecture is { } arch && arch != Architecture.Gru)
        {
            diagnostics.Report(
                DiagnosticCatalog.SyntheticInitShapeMismatch, archSetting.Value.Location, networkName,
                "arch = gru, because the compiled weights are a GRU's", $"arch = {arch.ToString().ToLowerInvariant()}", "remove 'arch' or set it to gru");
        }
    }

    /// <summary>Reads a word setting such as <c>arch = gru</c>; returns the default when the setting is absent.</summary>
    private T? Choice<T>(SettingSyntax? setting, (string Word, T Value)[] choices, T defaultValue)
        where T : struct
    {
        if (setting is null)
        {
            return defaultValue;
        }

        if (reader.ReadName(setting, $"one of {MessageText.JoinAnd(choices.Select(c => c.Word).ToList())}") is not { } name)
        {
            return null;
        }

        foreach (var (word, value) in choices)
        {
            if (word == name.Text)
            {
                return value;
            }
        }

        var words = choices.Select(c => c.Word).ToList();
        var alternatives = $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";
        var fix = NameSuggester.FindClosest(name.Text, words) is { } suggestion
            ? $"did you mean '{suggestion}'? The values are {MessageText.JoinAnd(words)}"
            : $"use {alternatives}";
        diagnostics.Report(DiagnosticCatalog.InvalidChoice, name.Location, name.Text, setting.Key.Text, fix);
        return null;
    }

    /// <summary>Reads numeric train settings and reports values outside their range.</summary>
    private sealed class RangeChecker(DiagnosticBag diagnostics, string networkName)
    {
        public int? Integer(SettingSyntax setting, double? value, long min, long max)
        {
            if (value is not { } v)
            {
                return null;
            }

            if (v < min || v > max)
            {
                var bounds = max == int.MaxValue ? $"use a whole number of at least {min}" : $"use a whole number from {min} to {max}";
                diagnostics.Report(DiagnosticCatalog.TrainingValueOutOfRange, setting.Value.Location, setting.Key.Text, MessageText.Number(v), networkName, bounds);
                return null;
            }

            return (int)v;
        }

        public int? Integer(SettingSyntax? setting, SettingValueReader reader, int defaultValue, long min, long max) =>
            setting is null ? defaultValue : Integer(setting, reader.ReadInteger(setting), min, max);

        public double? Number(
            SettingSyntax? setting, SettingValueReader reader, double defaultValue, double min, bool minInclusive, string fix, double max = double.PositiveInfinity)
        {
            if (setting is null)
            {
                return defaultValue;
            }

            if (reader.ReadNumber(setting) is not { } value)
            {
                return null;
            }

            var belowMin = minInclusive ? value < min : value <= min;
            if (belowMin || value > max)
            {
                diagnostics.Report(DiagnosticCatalog.TrainingValueOutOfRange, setting.Value.Location, setting.Key.Text, MessageText.Number(value), networkName, fix);
                return null;
            }

            return value;
        }
    }
}
