namespace GateLang.Torch.Training;

/// <summary>Which value was not finite when training stopped.</summary>
public enum NonFiniteQuantity
{
    Loss,
    GradientNorm,
}

/// <summary>
/// Thrown when a batch's loss or the gradient's norm is NaN or infinite. Training stops before
/// the optimizer step, and the last checkpoint on disk stays as it was.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(
        NonFiniteQuantity quantity,
        double value,
        long step,
        int epoch,
        int batch,
        double? lastFiniteLoss,
        double? gradientNorm,
        string? checkpointPath,
        int? checkpointEpoch)
        : base(Describe(quantity, value, step, epoch, batch, lastFiniteLoss, gradientNorm, checkpointPath, checkpointEpoch))
    {
        Quantity = quantity;
        Value = value;
        Step = step;
        Epoch = epoch;
        Batch = batch;
        LastFiniteLoss = lastFiniteLoss;
        GradientNorm = gradientNorm;
        CheckpointPath = checkpointPath;
        CheckpointEpoch = checkpointEpoch;
    }

    public NonFiniteQuantity Quantity { get; }

    /// <summary>The non-finite value: NaN, +∞ or −∞.</summary>
    public double Value { get; }

    /// <summary>The 1-based optimizer step that failed.</summary>
    public long Step { get; }

    /// <summary>The 1-based epoch of the failed step.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch of the failed step within its epoch.</summary>
    public int Batch { get; }

    /// <summary>The loss of the last batch with a finite loss; null when the first batch failed.</summary>
    public double? LastFiniteLoss { get; }

    /// <summary>
    /// The gradient norm of the failed step when the gradient was the problem; otherwise that of the
    /// previous step, or null when there was none.
    /// </summary>
    public double? GradientNorm { get; }

    /// <summary>The last good checkpoint; null when none was written yet.</summary>
    public string? CheckpointPath { get; }

    public int? CheckpointEpoch { get; }

    private static string Describe(
        NonFiniteQuantity quantity, double value, long step, int epoch, int batch, double? lastFiniteLoss, double? gradientNorm, string? checkpointPath, int? checkpointEpoch)
    {
        var what = quantity == NonFiniteQuantity.Loss ? "the loss" : "the gradient norm";
        var lastLoss = lastFiniteLoss is { } loss ? FormattableString.Invariant($"{loss:G6}") : "none (the first batch failed)";
        var norm = gradientNorm is { } n ? FormattableString.Invariant($"{n:G6}") : "not measured";
        var normLabel = quantity == NonFiniteQuantity.GradientNorm ? "gradient norm" : "gradient norm of the previous step";
        var checkpoint = checkpointPath is null
            ? "No checkpoint was written."
            : FormattableString.Invariant($"The last good checkpoint, {checkpointPath} (epoch {checkpointEpoch}), is kept.");
        return FormattableString.Invariant(
            $"Training stopped at step {step} (epoch {epoch}, batch {batch}) because {what} is {value}. Last finite loss: {lastLoss}; {normLabel}: {norm}. ")
            + checkpoint + " Train again with a lower learning rate, or with gradient clipping on (clip = 1.0).";
    }
}
