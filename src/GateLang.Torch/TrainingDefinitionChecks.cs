using System.Globalization;
using GateLang.Ir;
using GateLang.Semantics;

namespace GateLang.Torch;

/// <summary>
/// Checks a <see cref="TrainingDefinition"/> before anything is allocated. The binder checks
/// the same ranges for specs; this guards definitions built in code. Messages use the
/// setting names of the <c>train</c> section.
/// </summary>
internal static class TrainingDefinitionChecks
{
    /// <summary>Largest hidden size accepted, the compiler's limit for synthetic networks.</summary>
    public const int MaxHiddenSize = CompilerLimits.MaxHiddenSize;

    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static void Validate(TrainingDefinition training, TaskDefinition task)
    {
        Require(training.HiddenSize is >= 1 and <= MaxHiddenSize, "hidden", training.HiddenSize, $"a whole number from 1 to {MaxHiddenSize}");
        Require(double.IsFinite(training.NoiseSigma) && training.NoiseSigma >= 0, "noise", training.NoiseSigma, "a finite number of at least 0");
        Require(double.IsFinite(training.LearningRate) && training.LearningRate > 0, "lr", training.LearningRate, "a finite number above 0");
        Require(double.IsFinite(training.Gamma) && training.Gamma > 0, "gamma", training.Gamma, "a finite number above 0");
        Require(training.StepEpochs >= 1, "step_epochs", training.StepEpochs, "at least 1");
        Require(training.BatchSize >= 1, "batch", training.BatchSize, "at least 1");
        Require(training.Epochs >= 1, "epochs", training.Epochs, "at least 1");
        Require(double.IsFinite(training.GradientClip) && training.GradientClip >= 0, "clip", training.GradientClip, "a finite number of at least 0 (0 turns clipping off)");
        Require(training.TrainTrials >= 1, "train_trials", training.TrainTrials, "at least 1");
        Require(training.ValidationTrials >= 1, "validation_trials", training.ValidationTrials, "at least 1");
        Require(training.Seed >= 0, "seed", training.Seed, "at least 0");
        Require(training.CheckpointEvery >= 1, "checkpoint_every", training.CheckpointEvery, "at least 1");
        if (!Enum.IsDefined(training.Architecture) || !Enum.IsDefined(training.Initialization) || !Enum.IsDefined(training.Schedule))
        {
            throw new ArgumentException("The training definition has an unknown architecture, initialisation or schedule.");
        }

        if (task.MaxTrialLength > CompilerLimits.MaxTrialLength)
        {
            throw new ArgumentException($"Task '{task.Name}' has trials of up to {task.MaxTrialLength} steps, above the limit of {CompilerLimits.MaxTrialLength}.");
        }
    }

    private static void Require(bool condition, string setting, double value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentException($"train setting {setting} = {value.ToString(CultureInfo.InvariantCulture)} is invalid; it must be {expected}.");
        }
    }
}
