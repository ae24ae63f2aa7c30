using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateLang.Export;
using GateLang.IO;
using GateLang.Ir;

namespace GateLang.Torch.Training;

/// <summary>
/// The files of a training run: run.json (the spec, settings and machine facts, written at the
/// start), metrics.jsonl, checkpoint.safetensors (the latest checkpoint) and model.safetensors
/// (the final GRU in the export format).
/// </summary>
public sealed class RunFolder
{
    public const string RunInfoFileName = "run.json";

    public const string RunInfoFormat = "gatelang-run";

    /// <summary>Indented, with only the characters JSON requires escaped, so the spec text stays readable.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public RunFolder(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string RunInfoPath => Path.Combine(Directory, RunInfoFileName);

    public string MetricsPath => Path.Combine(Directory, MetricsLog.FileName);

    public string CheckpointPath => Path.Combine(Directory, NetworkSource.RunCheckpointFileName);

    public string ModelPath => Path.Combine(Directory, NetworkSource.RunModelFileName);

    /// <summary>Whether the folder already contains a run's files.</summary>
    public bool ContainsRun => File.Exists(RunInfoPath) || File.Exists(MetricsPath) || File.Exists(CheckpointPath);

    /// <summary>
    /// Deletes the temporary files that an atomic write leaves when the process is killed
    /// before its rename (named <c>.NAME.PID.GUID.tmp</c>); the files they were meant to replace are intact.
    /// </summary>
    internal void DeleteStaleTemporaryFiles()
    {
        string[] names = [RunInfoFileName, MetricsLog.FileName, NetworkSource.RunCheckpointFileName, NetworkSource.RunModelFileName];
        foreach (var name in names)
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(Directory, $".{name}.*.tmp"))
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Reads what run.json records about the run's spec and network.</summary>
    /// <exception cref="IOException">run.json is missing or unreadable.</exception>
    /// <exception cref="InvalidDataException">run.json is not a GateLang run description.</exception>
    public RunInfo ReadRunInfo()
    {
        if (!File.Exists(RunInfoPath))
        {
            throw new FileNotFoundException($"{Directory} is not a training run folder: it has no {RunInfoFileName}.", RunInfoPath);
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(RunInfoPath)) as JsonObject
                ?? throw new InvalidDataException($"{RunInfoPath} does not contain a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{RunInfoPath} is not valid JSON ({exception.Message}).", exception);
        }

        if (root["format"]?.GetValue<string>() != RunInfoFormat)
        {
            throw new InvalidDataException($"{RunInfoPath} is not a GateLang run description (format '{RunInfoFormat}').");
        }

        return new RunInfo(
            Required(root, "network"),
            new SpecSource(Required(root, "spec_file"), Required(root, "spec")),
            root["training"] as JsonObject ?? throw new InvalidDataException($"{RunInfoPath} has no 'training' object."),
            root["threads"]?.GetValue<int>() ?? throw new InvalidDataException($"{RunInfoPath} has no 'threads'."));
    }

    /// <summary>Writes run.json for a new run.</summary>
    internal void WriteRunInfo(TrainingJob job, int threads)
    {
        var task = job.Task;
        var training = job.Training;
        var root = new JsonObject
        {
            ["format"] = RunInfoFormat,
            ["format_version"] = 1,
            ["network"] = job.Network.Name,
            ["spec_file"] = job.Spec.File,
            ["spec"] = job.Spec.Text,
            ["task"] = new JsonObject
            {
                ["name"] = task.Name,
                ["kind"] = task.Kind.ToString().ToLowerInvariant(),
                ["symbols"] = task.Symbols,
                ["length"] = task.Length,
                ["delay_min"] = task.DelayMin,
                ["delay_max"] = task.DelayMax,
                ["seed"] = task.Seed,
            },
            ["training"] = TrainingSettings.ToJson(training),
            ["training_trial_seed"] = TrainingSeeds.TrainingTrials(training.Seed),
            ["validation_trial_seed"] = task.Seed,
            ["threads"] = threads,
            ["torch_version"] = TorchSharp.torch.__version__,
            ["torchsharp_version"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
            ["gatelang_version"] = NetworkExportFormat.GateLangVersion,
            ["started_utc"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["resumes"] = new JsonArray(),
        };
        AtomicFile.WriteAllText(RunInfoPath, root.ToJsonString(JsonOptions) + "\n");
    }

    /// <summary>
    /// Adds a resume record (time, position, threads and epochs) to run.json and stores the
    /// settings that may change on resume, so that the next resume starts from them.
    /// </summary>
    internal void RecordResume(int epoch, int batch, int threads, TrainingDefinition training)
    {
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(RunInfoPath))!;
        if (root["resumes"] is not JsonArray resumes)
        {
            resumes = [];
            root["resumes"] = resumes;
        }

        resumes.Add(new JsonObject
        {
            ["utc"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["epoch"] = epoch,
            ["batch"] = batch,
            ["threads"] = threads,
            ["epochs"] = training.Epochs,
        });
        if (root["training"] is JsonObject settings)
        {
            settings["epochs"] = training.Epochs;
            settings["checkpoint_every"] = training.CheckpointEvery;
        }

        AtomicFile.WriteAllText(RunInfoPath, root.ToJsonString(JsonOptions) + "\n");
    }

    private string Required(JsonObject root, string key) =>
        root[key]?.GetValue<string>() ?? throw new InvalidDataException($"{RunInfoPath} has no '{key}'.");
}

/// <summary>What run.json records about a run: enough to rebuild its <see cref="TrainingJob"/>.</summary>
/// <param name="Training">The settings the run started with, keyed as in the train section.</param>
/// <param name="Threads">The thread count the run started with.</param>
public sealed record RunInfo(string NetworkName, SpecSource Spec, JsonObject Training, int Threads);
