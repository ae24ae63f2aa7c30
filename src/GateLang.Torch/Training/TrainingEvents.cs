using GateLang.Simulation;

namespace GateLang.Torch.Training;

/// <summary>Receives the events of a training run. Every method has an empty default.</summary>
public interface ITrainingObserver
{
    void OnStarted(TrainingStarted started)
    {
    }

    void OnBatchCompleted(BatchProgress progress)
    {
    }

    void OnEpochCompleted(EpochMetrics metrics)
    {
    }

    void OnCheckpointWritten(CheckpointWritten checkpoint)
    {
    }
}

/// <param name="StartEpoch">Epochs already finished: 0 for a new run.</param>
/// <param name="StartBatch">Batches already finished in epoch <paramref name="StartEpoch"/> + 1.</param>
/// <param name="Resumed">Whether the run continues from a checkpoint.</param>
/// <param name="RecordedThreads">The thread count the checkpoint recorded; null for a new run.</param>
/// <param name="ElapsedSecondsBefore">Training time of earlier calls of a resumed run.</param>
public sealed record TrainingStarted(
    TrainingJob Job,
    string RunDirectory,
    int Threads,
    int? RecordedThreads,
    string TorchVersion,
    int StartEpoch,
    int StartBatch,
    long StartStep,
    int BatchesPerEpoch,
    bool Resumed,
    double ElapsedSecondsBefore);

/// <param name="Epoch">The 0-based epoch the batch belongs to.</param>
/// <param name="Batch">Batches finished in this epoch, 1 after the first.</param>
/// <param name="Step">Optimizer steps taken in the whole run.</param>
/// <param name="Loss">The batch's mean cross-entropy per step before the update.</param>
/// <param name="GradientNorm">The global L2 norm of the gradient before clipping.</param>
public sealed record BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, long Step, double Loss, double GradientNorm);

/// <summary>The report of one epoch, also written as one line of metrics.jsonl.</summary>
/// <param name="Epoch">Epochs finished, 1 after the first; 0 for the score of the initial weights.</param>
/// <param name="LearningRate">The rate of this epoch; for epoch 0, the rate epoch 1 will use.</param>
/// <param name="TrainLoss">Mean cross-entropy per step over every step of the epoch's training trials, each measured before its batch's update; null for epoch 0.</param>
/// <param name="Validation">The scores on the validation trials after the epoch.</param>
/// <param name="GradientNormMean">Mean over the epoch's batches of the gradient norm before clipping; null for epoch 0.</param>
/// <param name="EpochSeconds">Wall time of the epoch, including validation; for a resumed epoch, only the part after the resume.</param>
/// <param name="ElapsedSeconds">Wall time of the run's training so far, summed over resumed calls.</param>
public sealed record EpochMetrics(
    int Epoch,
    int Epochs,
    long Step,
    double LearningRate,
    double? TrainLoss,
    EvaluationResult Validation,
    double? GradientNormMean,
    double? GradientNormMax,
    double EpochSeconds,
    double ElapsedSeconds);

/// <param name="Epoch">Epochs finished at the checkpoint.</param>
/// <param name="Batch">Batches finished in the next epoch: 0 unless training was cancelled mid-epoch.</param>
public sealed record CheckpointWritten(string Path, int Epoch, int Batch, long Step);
