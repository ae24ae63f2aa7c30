using System.Diagnostics;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.Ir;
using GateLang.Simulation;
using GateLang.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GateLang.Torch.Training;

/// <summary>
/// One call of <see cref="Trainer.Train"/> or <see cref="Trainer.Resume"/>: the network, Adam,
/// the trial streams and the counters, and the loop over epochs and batches.
/// </summary>
internal sealed class TrainingSession : IDisposable
{
    private readonly TrainingJob _job;
    private readonly TrainingDefinition _training;
    private readonly TaskDefinition _task;
    private readonly RunFolder _folder;
    private readonly TrainingOptions _options;
    private readonly int _threads;
    private readonly CompiledNetwork? _compiled;
    private readonly RecurrentNetwork _network;
    private readonly List<Parameter> _parameters;
    private readonly Adam _optimizer;
    private readonly IReadOnlyList<Trial> _validationTrials;
    private readonly int _batchesPerEpoch;
    private TrainingProgress _progress = new();
    private TrialGenerator _trainingTrials;
    private int? _checkpointEpoch;

    public TrainingSession(TrainingJob job, RunFolder folder, TrainingOptions options, int threads, CompiledNetwork? compiled)
    {
        _job = job;
        _training = job.Training;
        _task = job.Task;
        _folder = folder;
        _options = options;
        _threads = threads;
        _compiled = compiled;

        torch.set_num_threads(threads);
        _network = RecurrentNetworkFactory.Create(_task, _training, compiled);
        _parameters = _network.parameters().ToList();

        // PyTorch's Adam defaults, written out so that a change of TorchSharp's defaults cannot change a run.
        _optimizer = new Adam(_parameters, lr: _training.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0);
        _validationTrials = new TrialGenerator(_task, _task.Seed).Take(_training.ValidationTrials).ToList();
        _trainingTrials = new TrialGenerator(_task, TrainingSeeds.TrainingTrials(_training.Seed));
        _batchesPerEpoch = (_training.TrainTrials + _training.BatchSize - 1) / _training.BatchSize;
    }

    public RecurrentNetwork Network => _network;

    /// <summary>Loads the checkpoint's tensors and counters and moves the training trial stream to its position.</summary>
    public void Restore(CheckpointContents checkpoint)
    {
        TrainingCheckpoint.Restore(checkpoint, _network, _optimizer);
        _progress = checkpoint.Progress;
        _checkpointEpoch = _progress.Epoch;
        _trainingTrials = new TrialGenerator(_task, TrainingSeeds.TrainingTrials(_training.Seed));
        for (long i = 0; i < _progress.TrialsDrawn; i++)
        {
            _trainingTrials.Next();
        }
    }

    public TrainingResult Run(bool resumed, int? recordedThreads, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var observer = _options.Observer;
        observer?.OnStarted(new TrainingStarted(
            _job, _folder.Directory, _threads, recordedThreads, torch.__version__, _progress.Epoch, _progress.Batch, _progress.Step,
            _batchesPerEpoch, resumed, _progress.ElapsedSeconds));

        EpochMetrics? lastEpoch = null;
        if (_checkpointEpoch is null && _progress.Step == 0)
        {
            lastEpoch = ReportInitialWeights(clock);
        }

        long stepsThisCall = 0;
        while (_progress.Epoch < _training.Epochs)
        {
            var learningRate = LearningRateSchedules.At(_training, _progress.Epoch);
            foreach (var group in _optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }

            var epochClock = Stopwatch.StartNew();
            while (_progress.Batch < _batchesPerEpoch)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    WriteCheckpoint(clock);
                    return Result(TrainingOutcome.Cancelled, lastEpoch, modelPath: null);
                }

                TrainBatch();
                observer?.OnBatchCompleted(new BatchProgress(
                    _progress.Epoch, _progress.Batch, _batchesPerEpoch, _progress.Step, _progress.LastFiniteLoss!.Value, _progress.LastGradientNorm!.Value));
                stepsThisCall++;
                if (_options.StopAfterSteps is { } stop && stepsThisCall >= stop)
                {
                    return Result(TrainingOutcome.Stopped, lastEpoch, modelPath: null);
                }
            }

            lastEpoch = FinishEpoch(learningRate, epochClock, clock);
            if (_progress.Epoch % _training.CheckpointEvery == 0 || _progress.Epoch == _training.Epochs)
            {
                WriteCheckpoint(clock);
            }
        }

        // A resumed run that was already complete has trained no epoch in this call; its scores
        // are those of the restored weights, so model.safetensors gets the same metadata.
        var finalScores = lastEpoch?.Validation ?? ValidationScorer.Score(_network, _task, _validationTrials);
        var modelPath = ExportModel(finalScores);
        return Result(TrainingOutcome.Completed, lastEpoch, modelPath);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _network.Dispose();
    }

    /// <summary>Scores the weights before any step and writes them as epoch 0.</summary>
    private EpochMetrics ReportInitialWeights(Stopwatch clock)
    {
        var validation = ValidationScorer.Score(_network, _task, _validationTrials);
        var metrics = new EpochMetrics(
            0, _training.Epochs, 0, LearningRateSchedules.At(_training, 0), null, validation, null, null,
            clock.Elapsed.TotalSeconds, _progress.ElapsedSeconds + clock.Elapsed.TotalSeconds);
        MetricsLog.Append(_folder.MetricsPath, metrics);
        _options.Observer?.OnEpochCompleted(metrics);
        return metrics;
    }

    /// <summary>
    /// One optimizer step on the next batch of the training trial stream: mean cross-entropy over
    /// the batch's trial steps (padding masked), backward, global-norm clipping, Adam.
    /// </summary>
    private void TrainBatch()
    {
        var size = Math.Min(_training.BatchSize, _training.TrainTrials - _progress.Batch * _training.BatchSize);
        var trials = _trainingTrials.Take(size).ToList();

        using var scope = NewDisposeScope();
        using var batch = TrialBatch.Create(trials, _task, _network.Dtype);
        _optimizer.zero_grad();
        var logits = _network.call(batch.Inputs);
        var loss = nn.functional.cross_entropy(
            logits.reshape(-1, _network.OutputSize), batch.Targets.reshape(-1), ignore_index: TrialBatch.IgnoreIndex, reduction: nn.Reduction.Mean);
        var lossValue = loss.ToDouble();
        if (!double.IsFinite(lossValue))
        {
            throw Diverged(NonFiniteQuantity.Loss, lossValue, _progress.LastFiniteLoss, _progress.LastGradientNorm);
        }

        loss.backward();
        _options.AfterBackward?.Invoke(_network, _progress.Step + 1);
        var gradientNorm = _training.GradientClip > 0
            ? nn.utils.clip_grad_norm_(_parameters, _training.GradientClip)
            : GradientNorm();
        if (!double.IsFinite(gradientNorm))
        {
            throw Diverged(NonFiniteQuantity.GradientNorm, gradientNorm, lossValue, gradientNorm);
        }

        _optimizer.step();

        _progress.TrialsDrawn += size;
        _progress.Step++;
        _progress.Batch++;
        _progress.EpochLossSum += lossValue * batch.Steps;
        _progress.EpochLossSteps += batch.Steps;
        _progress.EpochGradientNormSum += gradientNorm;
        _progress.EpochGradientNormMax = Math.Max(_progress.EpochGradientNormMax, gradientNorm);
        _progress.LastFiniteLoss = lossValue;
        _progress.LastGradientNorm = gradientNorm;
    }

    /// <summary>The global L2 norm of the gradient, computed as <c>clip_grad_norm_</c> does, for runs without clipping.</summary>
    private double GradientNorm()
    {
        using var scope = NewDisposeScope();
        var norms = _parameters.Where(parameter => parameter.grad is not null).Select(parameter => parameter.grad!.norm()).ToArray();
        return norms.Length == 0 ? 0 : stack(norms).norm().ToDouble();
    }

    private EpochMetrics FinishEpoch(double learningRate, Stopwatch epochClock, Stopwatch clock)
    {
        var validation = ValidationScorer.Score(_network, _task, _validationTrials);
        var batches = _progress.Batch;
        _progress.Epoch++;
        var metrics = new EpochMetrics(
            _progress.Epoch,
            _training.Epochs,
            _progress.Step,
            learningRate,
            _progress.EpochLossSum / _progress.EpochLossSteps,
            validation,
            _progress.EpochGradientNormSum / batches,
            _progress.EpochGradientNormMax,
            epochClock.Elapsed.TotalSeconds,
            _progress.ElapsedSeconds + clock.Elapsed.TotalSeconds);
        _progress.StartEpoch();
        MetricsLog.Append(_folder.MetricsPath, metrics);
        _options.Observer?.OnEpochCompleted(metrics);
        return metrics;
    }

    private void WriteCheckpoint(Stopwatch clock)
    {
        var elapsedBefore = _progress.ElapsedSeconds;
        _progress.ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds;
        try
        {
            TrainingCheckpoint.Write(_folder.CheckpointPath, _job, _network, _optimizer, _progress, _threads, _compiled);
        }
        finally
        {
            _progress.ElapsedSeconds = elapsedBefore;
        }

        _checkpointEpoch = _progress.Epoch;
        _options.Observer?.OnCheckpointWritten(new CheckpointWritten(_folder.CheckpointPath, _progress.Epoch, _progress.Batch, _progress.Step));
    }

    /// <summary>Writes the final GRU in the export format, with the run's settings and last scores added to the metadata.</summary>
    private string? ExportModel(EvaluationResult validation)
    {
        if (_network.Architecture != Architecture.Gru)
        {
            return null;
        }

        var weights = _network.ToGruWeights();
        RecurrentNetworkFactory.Label(weights, _task, _compiled);
        var metadata = new Dictionary<string, string>(
            NetworkExportFormat.CreateMetadata(new CompiledNetwork(_job.Network, weights), _job.Spec), StringComparer.Ordinal)
        {
            [TrainingCheckpoint.Keys.Training] = TrainingSettings.ToJson(_training).ToJsonString(),
            [TrainingCheckpoint.Keys.Epoch] = _progress.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TrainingCheckpoint.Keys.Step] = _progress.Step.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TrainingCheckpoint.Keys.Threads] = _threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TrainingCheckpoint.Keys.TorchVersion] = torch.__version__,
        };
        metadata["validation_exact_sequence_accuracy"] = validation.ExactSequenceAccuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        metadata["validation_loss"] = validation.CrossEntropy.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        var dtype = _network.Dtype == ScalarType.Float64 ? SafetensorsDtype.F64 : SafetensorsDtype.F32;
        SafetensorsWriter.Write(_folder.ModelPath, NetworkExportFormat.CreateTensors(weights, dtype), metadata);
        return _folder.ModelPath;
    }

    private TrainingDivergedException Diverged(NonFiniteQuantity quantity, double value, double? lastFiniteLoss, double? gradientNorm) =>
        new(
            quantity,
            value,
            _progress.Step + 1,
            _progress.Epoch + 1,
            _progress.Batch + 1,
            lastFiniteLoss,
            gradientNorm,
            _checkpointEpoch is null ? null : _folder.CheckpointPath,
            _checkpointEpoch);

    private TrainingResult Result(TrainingOutcome outcome, EpochMetrics? lastEpoch, string? modelPath) =>
        new(outcome, _progress.Epoch, _progress.Step, lastEpoch, modelPath, _folder.CheckpointPath, _folder.Directory);
}
