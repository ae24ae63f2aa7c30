using System.Globalization;
using System.Text.Json.Nodes;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.IO;
using GateLang.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GateLang.Torch.Training;

/// <summary>
/// The position of a run between two optimizer steps: what a checkpoint stores besides tensors.
/// </summary>
internal sealed class TrainingProgress
{
    /// <summary>Epochs finished.</summary>
    public int Epoch { get; set; }

    /// <summary>Batches finished in the current epoch, epoch <see cref="Epoch"/> + 1.</summary>
    public int Batch { get; set; }

    /// <summary>Optimizer steps taken.</summary>
    public long Step { get; set; }

    /// <summary>Trials taken from the training trial stream: the stream's position.</summary>
    public long TrialsDrawn { get; set; }

    /// <summary>Σ over the current epoch's batches of loss × steps.</summary>
    public double EpochLossSum { get; set; }

    /// <summary>Steps of the current epoch's trials so far.</summary>
    public long EpochLossSteps { get; set; }

    public double EpochGradientNormSum { get; set; }

    public double EpochGradientNormMax { get; set; }

    public double? LastFiniteLoss { get; set; }

    public double? LastGradientNorm { get; set; }

    /// <summary>Training wall time of earlier calls, in seconds.</summary>
    public double ElapsedSeconds { get; set; }

    public void StartEpoch()
    {
        Batch = 0;
        EpochLossSum = 0;
        EpochLossSteps = 0;
        EpochGradientNormSum = 0;
        EpochGradientNormMax = 0;
    }
}

/// <summary>
/// Writes and reads training checkpoints: safetensors files with the model, Adam's moments, the
/// random-number state and the run's counters, from which a run continues bit for bit.
/// </summary>
/// <remarks>
/// Tensors, in the model's dtype: every parameter and buffer under its <c>state_dict</c> name
/// (<c>gru.weight_ih_l0</c> … <c>readout.bias</c>, <c>h0</c>), then
/// <c>optimizer.exp_avg.NAME</c> and <c>optimizer.exp_avg_sq.NAME</c> per parameter. Metadata:
/// the export's keys (task, network, spec, labels), so <see cref="NetworkSource"/> can evaluate
/// a GRU checkpoint, and the keys in <see cref="Keys"/>. Doubles are written with round-trip
/// formatting.
/// </remarks>
internal static class TrainingCheckpoint
{
    public const string ExpAvgPrefix = "optimizer.exp_avg.";
    public const string ExpAvgSqPrefix = "optimizer.exp_avg_sq.";

    /// <summary>Writes the checkpoint atomically: a reader or a resumed run sees the old file or the whole new one.</summary>
    public static void Write(
        string path, TrainingJob job, RecurrentNetwork network, Adam optimizer, TrainingProgress progress, int threads, CompiledNetwork? compiled)
    {
        var dtype = network.Dtype == ScalarType.Float64 ? SafetensorsDtype.F64 : SafetensorsDtype.F32;
        var tensors = new List<SafetensorsTensor>();
        foreach (var (name, parameter) in network.named_parameters())
        {
            tensors.Add(ToSafetensors(name, parameter, dtype));
        }

        foreach (var (name, buffer) in network.named_buffers())
        {
            tensors.Add(ToSafetensors(name, buffer, dtype));
        }

        var states = AdamStates(optimizer);
        var names = network.named_parameters().Select(pair => pair.name).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            tensors.Add(ToSafetensors(ExpAvgPrefix + names[i], states[i].exp_avg, dtype));
            tensors.Add(ToSafetensors(ExpAvgSqPrefix + names[i], states[i].exp_avg_sq, dtype));
        }

        var adamSteps = states.Select(state => state.step).Distinct().ToList();
        if (adamSteps.Count != 1)
        {
            throw new InvalidOperationException($"Adam's parameters have different step counts ({string.Join(", ", adamSteps)}); every parameter is updated at every step.");
        }

        var metadata = CreateMetadata(job, network, progress, threads, compiled);
        metadata[Keys.AdamStep] = Invariant(adamSteps[0]);
        metadata[Keys.LearningRate] = Invariant(optimizer.ParamGroups.First().LearningRate);
        SafetensorsWriter.Write(path, tensors, metadata);
    }

    /// <exception cref="ExportFormatException">The file is not a checkpoint of this format version or is damaged.</exception>
    public static CheckpointContents Read(string path)
    {
        var file = SafetensorsReader.Read(path);
        var format = file.Metadata.GetValueOrDefault(MetadataKeys.Format);
        if (format != NetworkSource.CheckpointFormatName)
        {
            throw new ExportFormatException(path, $"metadata '{MetadataKeys.Format}' is '{format}', expected '{NetworkSource.CheckpointFormatName}'.");
        }

        var version = file.Metadata.GetValueOrDefault(MetadataKeys.FormatVersion);
        if (version != NetworkSource.CheckpointFormatVersion)
        {
            throw new ExportFormatException(path, $"checkpoint format_version '{version}' is not supported; this GateLang reads version {NetworkSource.CheckpointFormatVersion}.");
        }

        var training = JsonNode.Parse(Require(file, Keys.Training)) as JsonObject
            ?? throw new ExportFormatException(path, $"metadata '{Keys.Training}' is not a JSON object.");
        var progress = new TrainingProgress
        {
            Epoch = (int)RequireLong(file, Keys.Epoch),
            Batch = (int)RequireLong(file, Keys.Batch),
            Step = RequireLong(file, Keys.Step),
            TrialsDrawn = RequireLong(file, Keys.TrialsDrawn),
            EpochLossSum = RequireDouble(file, Keys.EpochLossSum),
            EpochLossSteps = RequireLong(file, Keys.EpochLossSteps),
            EpochGradientNormSum = RequireDouble(file, Keys.EpochGradientNormSum),
            EpochGradientNormMax = RequireDouble(file, Keys.EpochGradientNormMax),
            LastFiniteLoss = OptionalDouble(file, Keys.LastFiniteLoss),
            LastGradientNorm = OptionalDouble(file, Keys.LastGradientNorm),
            ElapsedSeconds = RequireDouble(file, Keys.ElapsedSeconds),
        };
        var generatorState = Convert.FromBase64String(Require(file, Keys.GeneratorState));
        return new CheckpointContents(
            file,
            Require(file, MetadataKeys.Network),
            training,
            progress,
            RequireLong(file, Keys.AdamStep),
            generatorState,
            (int)RequireLong(file, Keys.Threads));
    }

    /// <summary>
    /// Copies the checkpoint's parameters, buffers, Adam moments and step, and the generator state
    /// into a network and optimizer built from the same settings.
    /// </summary>
    /// <exception cref="ExportFormatException">A tensor is missing or has another shape or dtype.</exception>
    public static void Restore(CheckpointContents checkpoint, RecurrentNetwork network, Adam optimizer)
    {
        var file = checkpoint.File;
        var dtype = network.Dtype == ScalarType.Float64 ? SafetensorsDtype.F64 : SafetensorsDtype.F32;
        foreach (var (name, parameter) in network.named_parameters())
        {
            RecurrentNetwork.WriteValues(parameter, Values(file, name, parameter, dtype));
        }

        foreach (var (name, buffer) in network.named_buffers())
        {
            RecurrentNetwork.WriteValues(buffer, Values(file, name, buffer, dtype));
        }

        var states = AdamStates(optimizer);
        var names = network.named_parameters().Select(pair => pair.name).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            states[i].step = checkpoint.AdamStep;
            RecurrentNetwork.WriteValues(states[i].exp_avg, Values(file, ExpAvgPrefix + names[i], states[i].exp_avg, dtype));
            RecurrentNetwork.WriteValues(states[i].exp_avg_sq, Values(file, ExpAvgSqPrefix + names[i], states[i].exp_avg_sq, dtype));
        }

        using var state = tensor(checkpoint.GeneratorState, dtype: ScalarType.Byte);
        torch.Generator.Default.set_state(state);
    }

    /// <summary>Returns Adam's per-parameter states in parameter order.</summary>
    public static List<Adam.State> AdamStates(Adam optimizer) =>
        optimizer.state_dict().State.Cast<Adam.State>().ToList();

    private static Dictionary<string, string> CreateMetadata(
        TrainingJob job, RecurrentNetwork network, TrainingProgress progress, int threads, CompiledNetwork? compiled)
    {
        // The export's metadata needs labels only, which a GruWeights of the right sizes carries.
        var labels = new GruWeights(network.InputSize, network.HiddenSize, network.OutputSize);
        RecurrentNetworkFactory.Label(labels, job.Task, compiled);
        var metadata = new Dictionary<string, string>(
            NetworkExportFormat.CreateMetadata(new CompiledNetwork(job.Network, labels), job.Spec), StringComparer.Ordinal)
        {
            [MetadataKeys.Format] = NetworkSource.CheckpointFormatName,
            [MetadataKeys.FormatVersion] = NetworkSource.CheckpointFormatVersion,
            [NetworkSource.ArchitectureKey] = network.CellName,
            [Keys.Dtype] = network.Dtype == ScalarType.Float64 ? "float64" : "float32",
            [Keys.Training] = TrainingSettings.ToJson(job.Training).ToJsonString(),
            [Keys.Epoch] = Invariant(progress.Epoch),
            [Keys.Batch] = Invariant(progress.Batch),
            [Keys.Step] = Invariant(progress.Step),
            [Keys.TrialsDrawn] = Invariant(progress.TrialsDrawn),
            [Keys.EpochLossSum] = Invariant(progress.EpochLossSum),
            [Keys.EpochLossSteps] = Invariant(progress.EpochLossSteps),
            [Keys.EpochGradientNormSum] = Invariant(progress.EpochGradientNormSum),
            [Keys.EpochGradientNormMax] = Invariant(progress.EpochGradientNormMax),
            [Keys.ElapsedSeconds] = Invariant(progress.ElapsedSeconds),
            [Keys.Optimizer] = "adam beta1=0.9 beta2=0.999 eps=1e-08 weight_decay=0",
            [Keys.GeneratorState] = Convert.ToBase64String(GeneratorState()),
            [Keys.Threads] = Invariant(threads),
            [Keys.TorchVersion] = torch.__version__,
        };
        if (progress.LastFiniteLoss is { } loss)
        {
            metadata[Keys.LastFiniteLoss] = Invariant(loss);
        }

        if (progress.LastGradientNorm is { } norm)
        {
            metadata[Keys.LastGradientNorm] = Invariant(norm);
        }

        return metadata;
    }

    private static byte[] GeneratorState()
    {
        using var state = torch.Generator.Default.get_state();
        return state.data<byte>().ToArray();
    }

    private static SafetensorsTensor ToSafetensors(string name, Tensor tensor, SafetensorsDtype dtype) =>
        new(name, dtype, tensor.shape.Select(dimension => (int)dimension).ToArray(), RecurrentNetwork.ReadValues(tensor));

    private static double[] Values(SafetensorsFile file, string name, Tensor like, SafetensorsDtype dtype)
    {
        var stored = file.Get(name, like.shape.Select(dimension => (int)dimension).ToArray());
        if (stored.Dtype != dtype)
        {
            throw new ExportFormatException(file.Path, $"tensor '{name}' is {stored.Dtype}, but the network being restored is {dtype}.");
        }

        return stored.Values;
    }

    private static string Require(SafetensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new ExportFormatException(file.Path, $"missing checkpoint metadata key '{key}'.");

    private static long RequireLong(SafetensorsFile file, string key)
    {
        var text = Require(file, key);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ExportFormatException(file.Path, $"checkpoint metadata '{key}' is '{text}', expected an integer.");
    }

    private static double RequireDouble(SafetensorsFile file, string key) => ParseDouble(file, key, Require(file, key));

    private static double? OptionalDouble(SafetensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out var text) ? ParseDouble(file, key, text) : null;

    private static double ParseDouble(SafetensorsFile file, string key, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ExportFormatException(file.Path, $"checkpoint metadata '{key}' is '{text}', expected a number.");

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The checkpoint's own metadata keys.</summary>
    public static class Keys
    {
        public const string Dtype = "dtype";

        /// <summary>The train section's settings as a JSON object.</summary>
        public const string Training = "training";

        public const string Epoch = "epoch";
        public const string Batch = "batch";
        public const string Step = "step";

        /// <summary>The training trial stream's position, in trials.</summary>
        public const string TrialsDrawn = "trials_drawn";

        public const string EpochLossSum = "epoch_loss_sum";
        public const string EpochLossSteps = "epoch_loss_steps";
        public const string EpochGradientNormSum = "epoch_gradient_norm_sum";
        public const string EpochGradientNormMax = "epoch_gradient_norm_max";
        public const string LastFiniteLoss = "last_finite_loss";
        public const string LastGradientNorm = "last_gradient_norm";
        public const string ElapsedSeconds = "elapsed_seconds";
        public const string Optimizer = "optimizer";

        /// <summary>Adam's step count t, the same for every parameter.</summary>
        public const string AdamStep = "adam_step";

        public const string LearningRate = "learning_rate";

        /// <summary>Base64 of TorchSharp's default CPU generator state (<c>torch.get_rng_state()</c>).</summary>
        public const string GeneratorState = "torch_generator_state";

        public const string Threads = "threads";
        public const string TorchVersion = "torch_version";
    }
}

/// <summary>A checkpoint read from disk, ready to be restored into a network and optimizer.</summary>
internal sealed record CheckpointContents(
    SafetensorsFile File,
    string NetworkName,
    JsonObject Training,
    TrainingProgress Progress,
    long AdamStep,
    byte[] GeneratorState,
    int Threads);
