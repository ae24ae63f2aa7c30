using GateLang.Export;
using GateLang.Ir;
using GateLang.Model;

namespace GateLang.IO;

/// <summary>
/// Reads a GRU to evaluate from a file other than a spec: an export written by
/// <c>gatelang compile</c> or <c>gatelang train</c> (format <c>gatelang-gru</c>), a training
/// checkpoint (format <c>gatelang-checkpoint</c>), or a training run folder. No libtorch is needed.
/// </summary>
public static class NetworkSource
{
    /// <summary>The <c>format</c> metadata of a training checkpoint.</summary>
    public const string CheckpointFormatName = "gatelang-checkpoint";

    /// <summary>The checkpoint layout version written; readers reject any other.</summary>
    public const string CheckpointFormatVersion = "1";

    /// <summary>The metadata key that names a checkpoint's cell: <c>gru</c>, <c>lstm</c> or <c>rnn</c>.</summary>
    public const string ArchitectureKey = "architecture";

    /// <summary>The exported weights a completed training run writes in its folder.</summary>
    public const string RunModelFileName = "model.safetensors";

    /// <summary>The latest checkpoint of a training run.</summary>
    public const string RunCheckpointFileName = "checkpoint.safetensors";

    /// <summary>
    /// Whether <paramref name="path"/> names a network file or run folder rather than a spec:
    /// a path ending in <c>.safetensors</c> or an existing folder.
    /// </summary>
    public static bool IsNetworkFile(string path) =>
        path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) || Directory.Exists(path);

    /// <summary>
    /// Reads the network in <paramref name="path"/>. A run folder gives its model.safetensors when
    /// the run completed, otherwise its latest checkpoint.
    /// </summary>
    /// <exception cref="ExportFormatException">
    /// The file is not a GateLang export or checkpoint, is damaged, or contains an LSTM or RNN, which
    /// the C# simulator cannot run.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read; <see cref="FileNotFoundException"/> when it does not exist.</exception>
    public static LoadedNetwork Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            path = ResolveRunFolder(path);
        }

        var file = SafetensorsReader.Read(path);
        var format = file.Metadata.GetValueOrDefault(MetadataKeys.Format);
        return format switch
        {
            NetworkExportFormat.FormatName => FromExport(NetworkExportFormat.Load(file), LoadedNetworkKind.Export),
            CheckpointFormatName => LoadCheckpoint(file),
            null => throw new ExportFormatException(path, $"missing metadata key '{MetadataKeys.Format}'; the file was not written by GateLang."),
            _ => throw new ExportFormatException(path, $"metadata '{MetadataKeys.Format}' is '{format}', expected '{NetworkExportFormat.FormatName}' or '{CheckpointFormatName}'."),
        };
    }

    private static string ResolveRunFolder(string folder)
    {
        foreach (var name in new[] { RunModelFileName, RunCheckpointFileName })
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ExportFormatException(folder, $"the folder has neither {RunModelFileName} nor {RunCheckpointFileName}; pass a training run folder or a .safetensors file.");
    }

    /// <summary>
    /// Reads the GRU of a checkpoint. A checkpoint stores the model's tensors under the export's
    /// names and the export's metadata keys, so the export reader checks them.
    /// </summary>
    private static LoadedNetwork LoadCheckpoint(SafetensorsFile file)
    {
        var version = file.Metadata.GetValueOrDefault(MetadataKeys.FormatVersion);
        if (version != CheckpointFormatVersion)
        {
            throw new ExportFormatException(file.Path, $"checkpoint format_version '{version}' is not supported; this GateLang ({NetworkExportFormat.GateLangVersion}) reads version {CheckpointFormatVersion}.");
        }

        var architecture = file.Metadata.GetValueOrDefault(ArchitectureKey);
        if (architecture != "gru")
        {
            throw new ExportFormatException(file.Path, $"the checkpoint contains an {architecture?.ToUpperInvariant() ?? "unknown"} network; GateLang's simulator runs GRUs only, so evaluate it in PyTorch or TorchSharp.");
        }

        var tensors = NetworkExportFormat.TensorNames.Where(file.Contains).Select(file.Get).ToList();
        var metadata = new Dictionary<string, string>(file.Metadata, StringComparer.Ordinal)
        {
            [MetadataKeys.Format] = NetworkExportFormat.FormatName,
            [MetadataKeys.FormatVersion] = NetworkExportFormat.FormatVersion,
        };
        var network = NetworkExportFormat.Load(new SafetensorsFile(file.Path, tensors, metadata));
        return FromExport(network with { Metadata = file.Metadata }, LoadedNetworkKind.Checkpoint);
    }

    private static LoadedNetwork FromExport(ExportedNetwork network, LoadedNetworkKind kind) =>
        new(network.Path, kind, network.NetworkName, network.Task, network.Weights, network.Spec, network.Metadata);
}

/// <summary>The kind of file a <see cref="LoadedNetwork"/> came from.</summary>
public enum LoadedNetworkKind
{
    /// <summary>A gatelang-gru export: compiled weights, or the final weights of a training run.</summary>
    Export,

    /// <summary>A training checkpoint: the weights at the end of its epoch.</summary>
    Checkpoint,
}

/// <summary>A GRU read by <see cref="NetworkSource.Load"/>, with its task and the spec it came from.</summary>
/// <param name="Path">The file read; for a run folder, the file inside it.</param>
/// <param name="Metadata">Every metadata entry of the file, such as a checkpoint's epoch.</param>
public sealed record LoadedNetwork(
    string Path,
    LoadedNetworkKind Kind,
    string NetworkName,
    TaskDefinition Task,
    GruWeights Weights,
    SpecSource Spec,
    IReadOnlyDictionary<string, string> Metadata);
