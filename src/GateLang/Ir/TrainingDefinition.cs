using GateLang.Diagnostics;

namespace GateLang.Ir;

/// <summary>The recurrent cell a trainable network uses.</summary>
public enum Architecture
{
    Gru,
    Lstm,
    Rnn,
}

/// <summary>How the trainable parameters are initialised.</summary>
public enum Initialization
{
    /// <summary>PyTorch's default: every weight and bias uniform in ±1/√hidden.</summary>
    Default,

    /// <summary>PyTorch's default, then each gate's recurrent block replaced by an orthogonal matrix.</summary>
    Orthogonal,

    /// <summary>The compiled synthetic weights of the network's blocks, plus Gaussian noise of standard deviation NoiseSigma.</summary>
    Synthetic,
}

/// <summary>The learning-rate schedule of a training run.</summary>
public enum LearningRateSchedule
{
    /// <summary>A constant learning rate.</summary>
    Constant,

    /// <summary>Multiply the rate by Gamma every StepEpochs epochs.</summary>
    Step,

    /// <summary>Cosine decay from the initial rate to zero over all epochs.</summary>
    Cosine,
}

/// <summary>
/// A bound <c>train</c> section: the shape of the trainable network and how to train it on the
/// network's task with Adam and mean cross-entropy over every step.
/// </summary>
/// <param name="HiddenSize">Hidden units; for synthetic initialisation it must equal the blocks' total size.</param>
/// <param name="GradientClip">Maximum global L2 norm of the gradient; 0 turns clipping off.</param>
/// <param name="TrainTrials">Trials drawn afresh for each epoch.</param>
/// <param name="ValidationTrials">A fixed set, drawn once from the seed, scored after every epoch.</param>
/// <param name="CheckpointEvery">Epochs between checkpoints; the last epoch is always saved.</param>
public sealed record TrainingDefinition(
    int HiddenSize,
    Architecture Architecture,
    Initialization Initialization,
    double NoiseSigma,
    double LearningRate,
    LearningRateSchedule Schedule,
    double Gamma,
    int StepEpochs,
    int BatchSize,
    int Epochs,
    double GradientClip,
    int TrainTrials,
    int ValidationTrials,
    int Seed,
    bool Float64,
    int CheckpointEvery,
    SourceLocation Location);
