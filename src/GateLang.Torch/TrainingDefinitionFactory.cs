using GateLang.Diagnostics;
using GateLang.Ir;

namespace GateLang.Torch;

/// <summary>
/// Builds <see cref="TrainingDefinition"/> objects in code, for tests and for callers without a
/// <c>train</c> section. Change single settings with a <c>with</c> expression.
/// </summary>
internal static class TrainingDefinitionFactory
{
    /// <summary>
    /// Returns the default settings: a GRU of <paramref name="hiddenSize"/> units with PyTorch's
    /// initialisation, Adam at lr 1e-3 with a constant rate, batches of 200, 200 epochs of 10,000
    /// fresh trials, 1,000 validation trials, gradient clipping at norm 1, seed 1, float32, and a
    /// checkpoint every 10 epochs.
    /// </summary>
    public static TrainingDefinition Default(int hiddenSize) => new(
        HiddenSize: hiddenSize,
        Architecture: Architecture.Gru,
        Initialization: Initialization.Default,
        NoiseSigma: 0,
        LearningRate: 1e-3,
        Schedule: LearningRateSchedule.Constant,
        Gamma: 0.5,
        StepEpochs: 50,
        BatchSize: 200,
        Epochs: 200,
        GradientClip: 1.0,
        TrainTrials: 10_000,
        ValidationTrials: 1_000,
        Seed: 1,
        Float64: false,
        CheckpointEvery: 10,
        Location: SourceLocation.None);

    /// <summary>Returns <paramref name="network"/> with <paramref name="training"/> as its train section.</summary>
    public static NetworkDefinition WithTraining(NetworkDefinition network, TrainingDefinition training) =>
        network with { Training = training };

    /// <summary>Returns a network with no blocks whose only content is <paramref name="training"/>, for <paramref name="task"/>.</summary>
    public static NetworkDefinition TrainOnly(string name, TaskDefinition task, TrainingDefinition training) =>
        new(name, task, [], [], 0, 0, training.Location) { Training = training };
}
