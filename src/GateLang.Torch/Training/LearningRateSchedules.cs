using GateLang.Ir;

namespace GateLang.Torch.Training;

/// <summary>The learning rate of each epoch, in closed form so that a resumed run sets the same value.</summary>
public static class LearningRateSchedules
{
    /// <summary>
    /// Returns the rate for 0-based epoch <paramref name="epoch"/> of <paramref name="training"/>,
    /// with base rate η and E epochs: constant η; step η·γ^⌊e / step_epochs⌋ (PyTorch's
    /// <c>StepLR</c>); cosine η·(1 + cos(π e / E)) / 2 (PyTorch's <c>CosineAnnealingLR</c> with
    /// <c>T_max</c> = E and <c>eta_min</c> = 0, stepped once per epoch).
    /// </summary>
    public static double At(TrainingDefinition training, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var rate = training.LearningRate;
        return training.Schedule switch
        {
            LearningRateSchedule.Constant => rate,
            LearningRateSchedule.Step => rate * Math.Pow(training.Gamma, epoch / training.StepEpochs),
            LearningRateSchedule.Cosine => rate * (1 + Math.Cos(Math.PI * epoch / training.Epochs)) / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(training), training.Schedule, "Unknown learning-rate schedule."),
        };
    }
}
