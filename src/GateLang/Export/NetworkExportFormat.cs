using System.Globalization;
using System.Reflection;
using System.Text.Json;
using GateLang.Compilation;
using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Export;

/// <summary>
/// The gatelang-gru layout of a compiled network in a safetensors file: the tensors' names and
/// shapes, and the metadata keys that describe the network.
/// </summary>
/// <remarks>
/// With hidden size d, K symbols (input size K + 2, K + 1 output classes), the tensors are
/// <c>gru.weight_ih_l0</c> [3d, K + 2], <c>gru.weight_hh_l0</c> [3d, d], <c>gru.bias_ih_l0</c> [3d],
/// <c>gru.bias_hh_l0</c> [3d], <c>readout.weight</c> [K + 1, d], <c>readout.bias</c> [K + 1] and
/// <c>h0</c> [d]. The names after <c>gru.</c> and <c>readout.</c> are the <c>state_dict</c> keys of
/// <c>torch.nn.GRU</c> and <c>torch.nn.Linear</c>. docs/export.md describes every metadata key.
/// </remarks>
public static class NetworkExportFormat
{
    public const string FormatName = "gatelang-gru";

    /// <summary>The layout version written; readers reject any other.</summary>
    public const string FormatVersion = "1";

    public const string WeightIh = "gru.weight_ih_l0";
    public const string WeightHh = "gru.weight_hh_l0";
    public const string BiasIh = "gru.bias_ih_l0";
    public const string BiasHh = "gru.bias_hh_l0";
    public const string ReadoutWeight = "readout.weight";
    public const string ReadoutBias = "readout.bias";
    public const string InitialState = "h0";

    /// <summary>The tensor names in the order their data is stored.</summary>
    public static IReadOnlyList<string> TensorNames { get; } =
        [WeightIh, WeightHh, BiasIh, BiasHh, ReadoutWeight, ReadoutBias, InitialState];

    /// <summary>
    /// The version of the GateLang library, with the source commit when the build recorded one,
    /// such as <c>0.1.0+f6bdc1d…</c>.
    /// </summary>
    public static string GateLangVersion { get; } =
        typeof(NetworkExportFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(NetworkExportFormat).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Returns the seven tensors of <paramref name="weights"/> in <paramref name="dtype"/>.</summary>
    public static IReadOnlyList<SafetensorsTensor> CreateTensors(GruWeights weights, SafetensorsDtype dtype)
    {
        var d = weights.HiddenSize;
        return
        [
            new(WeightIh, dtype, [3 * d, weights.InputSize], weights.WeightIh.Data.ToArray()),
            new(WeightHh, dtype, [3 * d, d], weights.WeightHh.Data.ToArray()),
            new(BiasIh, dtype, [3 * d], weights.BiasIh.ToArray()),
            new(BiasHh, dtype, [3 * d], weights.BiasHh.ToArray()),
            new(ReadoutWeight, dtype, [weights.OutputSize, d], weights.ReadoutWeight.Data.ToArray()),
            new(ReadoutBias, dtype, [weights.OutputSize], weights.ReadoutBias.ToArray()),
            new(InitialState, dtype, [d], weights.InitialState.ToArray()),
        ];
    }

    /// <summary>Returns the metadata that describes <paramref name="network"/> and the spec it was compiled from.</summary>
    public static IReadOnlyDictionary<string, string> CreateMetadata(CompiledNetwork network, SpecSource spec)
    {
        var task = network.Task;
        var weights = network.Weights;
        var blocks = network.Definition.Blocks
            .Select(b => new Dictionary<string, object>
            {
                ["name"] = b.Name,
                ["kind"] = BlockKindWords.ToWord(b.Kind),
                ["offset"] = b.Offset,
                ["size"] = b.Size,
            })
            .ToList();

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MetadataKeys.Format] = FormatName,
            [MetadataKeys.FormatVersion] = FormatVersion,
            [MetadataKeys.Task] = FormatTaskKind(task.Kind),
            [MetadataKeys.TaskName] = task.Name,
            [MetadataKeys.Symbols] = Invariant(task.Symbols),
            [MetadataKeys.Length] = Invariant(task.Length),
            [MetadataKeys.DelayMin] = Invariant(task.DelayMin),
            [MetadataKeys.DelayMax] = Invariant(task.DelayMax),
            [MetadataKeys.Seed] = Invariant(task.Seed),
            [MetadataKeys.Network] = network.Definition.Name,
            [MetadataKeys.Blocks] = JsonSerializer.Serialize(blocks, SafetensorsWriter.JsonOptions),
            [MetadataKeys.Spec] = spec.Text,
            [MetadataKeys.SpecFile] = spec.File,
            [MetadataKeys.HiddenLabels] = JsonSerializer.Serialize(weights.HiddenLabels, SafetensorsWriter.JsonOptions),
            [MetadataKeys.InputLabels] = JsonSerializer.Serialize(weights.InputLabels, SafetensorsWriter.JsonOptions),
            [MetadataKeys.OutputLabels] = JsonSerializer.Serialize(weights.OutputLabels, SafetensorsWriter.JsonOptions),
            [MetadataKeys.GateLangVersion] = GateLangVersion,
        };
    }

    /// <summary>
    /// Rebuilds the network of a gatelang-gru file: checks the format and version, every tensor's
    /// presence and shape, that all tensors share one dtype, and the task metadata.
    /// </summary>
    /// <exception cref="ExportFormatException">Something is missing, of the wrong shape or invalid.</exception>
    public static ExportedNetwork Load(SafetensorsFile file)
    {
        var path = file.Path;
        var format = RequireMetadata(file, MetadataKeys.Format);
        if (format != FormatName)
        {
            throw new ExportFormatException(path, $"metadata '{MetadataKeys.Format}' is '{format}', expected '{FormatName}'; the file was not written by GateLang's export.");
        }

        var version = RequireMetadata(file, MetadataKeys.FormatVersion);
        if (version != FormatVersion)
        {
            throw new ExportFormatException(path, $"format_version '{version}' is not supported; this GateLang ({GateLangVersion}) reads version {FormatVersion}.");
        }

        var task = LoadTask(file);
        var h0 = file.Get(InitialState);
        if (h0.Shape.Count != 1 || h0.Shape[0] == 0)
        {
            throw new ExportFormatException(path, $"tensor '{InitialState}' has shape [{string.Join(", ", h0.Shape)}], expected [d] with d > 0.");
        }

        var d = h0.Shape[0];
        var weights = new GruWeights(task.InputSize, d, task.OutputSize);
        file.Get(WeightIh, 3 * d, task.InputSize).Values.CopyTo(weights.WeightIh.Data, 0);
        file.Get(WeightHh, 3 * d, d).Values.CopyTo(weights.WeightHh.Data, 0);
        file.Get(BiasIh, 3 * d).Values.CopyTo(weights.BiasIh, 0);
        file.Get(BiasHh, 3 * d).Values.CopyTo(weights.BiasHh, 0);
        file.Get(ReadoutWeight, task.OutputSize, d).Values.CopyTo(weights.ReadoutWeight.Data, 0);
        file.Get(ReadoutBias, task.OutputSize).Values.CopyTo(weights.ReadoutBias, 0);
        h0.Values.CopyTo(weights.InitialState, 0);

        var dtypes = TensorNames.Select(name => file.Get(name).Dtype).Distinct().ToList();
        if (dtypes.Count != 1)
        {
            throw new ExportFormatException(path, $"the network's tensors mix dtypes {string.Join(" and ", dtypes)}; GateLang writes one dtype for all.");
        }

        weights.HiddenLabels = LoadLabels(file, MetadataKeys.HiddenLabels, d);
        weights.InputLabels = LoadLabels(file, MetadataKeys.InputLabels, task.InputSize);
        weights.OutputLabels = LoadLabels(file, MetadataKeys.OutputLabels, task.OutputSize);

        return new ExportedNetwork(
            path,
            RequireMetadata(file, MetadataKeys.Network),
            task,
            weights,
            dtypes[0],
            new SpecSource(RequireMetadata(file, MetadataKeys.SpecFile), RequireMetadata(file, MetadataKeys.Spec)),
            RequireMetadata(file, MetadataKeys.GateLangVersion),
            file.Metadata);
    }

    private static TaskDefinition LoadTask(SafetensorsFile file)
    {
        var path = file.Path;
        var kindName = RequireMetadata(file, MetadataKeys.Task);
        var kinds = Enum.GetValues<TaskKind>();
        var kindIndex = Array.FindIndex(kinds, k => FormatTaskKind(k) == kindName);
        if (kindIndex < 0)
        {
            throw new ExportFormatException(path, $"metadata '{MetadataKeys.Task}' is '{kindName}', which this GateLang does not know; expected one of {string.Join(", ", kinds.Select(FormatTaskKind))}.");
        }

        var kind = kinds[kindIndex];

        var symbols = RequireInteger(file, MetadataKeys.Symbols, minimum: 1);
        var length = RequireInteger(file, MetadataKeys.Length, minimum: 1);
        var delayMin = RequireInteger(file, MetadataKeys.DelayMin, minimum: 1);
        var delayMax = RequireInteger(file, MetadataKeys.DelayMax, minimum: delayMin);
        var seed = RequireInteger(file, MetadataKeys.Seed, minimum: int.MinValue);
        var name = file.Metadata.GetValueOrDefault(MetadataKeys.TaskName, kindName);
        return new TaskDefinition(name, kind, symbols, length, delayMin, delayMax, seed, new SourceLocation(path, 0, 0, 0));
    }

    private static string RequireMetadata(SafetensorsFile file, string key) =>
        file.Metadata.TryGetValue(key, out var value)
            ? value
            : throw new ExportFormatException(file.Path, $"missing metadata key '{key}'.");

    private static int RequireInteger(SafetensorsFile file, string key, int minimum)
    {
        var text = RequireMetadata(file, key);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new ExportFormatException(file.Path, $"metadata '{key}' is '{text}', expected an integer of at least {minimum}.");
        }

        return value;
    }

    private static string[] LoadLabels(SafetensorsFile file, string key, int count)
    {
        var text = RequireMetadata(file, key);
        string[]? labels;
        try
        {
            labels = JsonSerializer.Deserialize<string[]>(text);
        }
        catch (JsonException exception)
        {
            throw new ExportFormatException(file.Path, $"metadata '{key}' is not a JSON array of strings ({exception.Message}).", exception);
        }

        if (labels is null || labels.Length != count || labels.Any(label => label is null))
        {
            throw new ExportFormatException(file.Path, $"metadata '{key}' has {labels?.Length ?? 0} labels, expected {count} strings to match the tensor shapes.");
        }

        return labels;
    }

    private static string FormatTaskKind(TaskKind kind) => kind.ToString().ToLowerInvariant();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The metadata keys of a gatelang-gru file; every value is a string.</summary>
public static class MetadataKeys
{
    public const string Format = "format";
    public const string FormatVersion = "format_version";

    /// <summary>The task kind in lower case, such as <c>vdcm</c>.</summary>
    public const string Task = "task";

    /// <summary>The task's name in the spec.</summary>
    public const string TaskName = "task_name";

    /// <summary>K, the number of symbols.</summary>
    public const string Symbols = "symbols";

    /// <summary>S, the number of symbols to remember in a trial.</summary>
    public const string Length = "length";

    public const string DelayMin = "delay_min";
    public const string DelayMax = "delay_max";

    /// <summary>The seed of the task's trial generator.</summary>
    public const string Seed = "seed";

    /// <summary>The network's name in the spec.</summary>
    public const string Network = "network";

    /// <summary>JSON array of the hidden blocks: name, kind, offset and size of each.</summary>
    public const string Blocks = "blocks";

    /// <summary>The full source text of the spec.</summary>
    public const string Spec = "spec";

    public const string SpecFile = "spec_file";

    /// <summary>JSON array of d strings, such as <c>["mem[0]", …]</c>.</summary>
    public const string HiddenLabels = "hidden_labels";

    /// <summary>JSON array of K + 2 strings: the symbols, <c>blank</c>, <c>delim</c>.</summary>
    public const string InputLabels = "input_labels";

    /// <summary>JSON array of K + 1 strings: the symbols, <c>blank</c>.</summary>
    public const string OutputLabels = "output_labels";

    public const string GateLangVersion = "gatelang_version";
}

/// <summary>A network read back from a gatelang-gru file, with its task and provenance.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="Dtype">The dtype the tensors were stored in; F32 values have been widened exactly to double.</param>
/// <param name="GateLangVersion">The version of GateLang that wrote the file.</param>
/// <param name="Metadata">Every metadata entry, including keys this version does not interpret.</param>
public sealed record ExportedNetwork(
    string Path,
    string NetworkName,
    TaskDefinition Task,
    GruWeights Weights,
    SafetensorsDtype Dtype,
    SpecSource Spec,
    string GateLangVersion,
    IReadOnlyDictionary<string, string> Metadata);
