using System.Globalization;
using System.Text.Json;

namespace GateLang.Analysis;

/// <summary>One epoch of a training run's metrics; a value the file does not give is null.</summary>
/// <param name="Epoch">The epoch number; 0 is the initial weights.</param>
/// <param name="TrainLoss">Mean cross-entropy per step on the training trials, in nats.</param>
/// <param name="ValidationLoss">Mean cross-entropy per step on the validation trials, in nats.</param>
public sealed record EpochMetrics(
    int Epoch,
    double? TrainLoss,
    double? ValidationLoss,
    double? PerStepAccuracy,
    double? ExactSequenceAccuracy,
    double? MinMargin,
    double? LearningRate);

/// <param name="SkippedLines">Lines that were not a JSON object with an integer epoch, such as a line cut off by a killed run.</param>
public sealed record TrainingMetricsFile(string Path, IReadOnlyList<EpochMetrics> Epochs, int SkippedLines);

/// <summary>
/// Reads the <c>metrics.jsonl</c> a training run writes: one JSON object per line and epoch.
/// </summary>
/// <remarks>
/// The reader is tolerant: it skips blank lines and lines that do not parse, reads a missing or
/// null key as null, accepts the strings "NaN", "Infinity" and "-Infinity" for numbers, and also
/// accepts the common alternative names <c>loss</c>, <c>val_loss</c>, <c>accuracy</c> and
/// <c>exact_accuracy</c>. When an epoch appears twice, as after a resumed run, the later line wins.
/// </remarks>
public static class TrainingMetricsReader
{
    public const string FileName = "metrics.jsonl";

    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TrainingMetricsFile Read(string path)
    {
        var epochs = new SortedDictionary<int, EpochMetrics>();
        var skipped = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var metrics = ParseLine(line);
            if (metrics is null)
            {
                skipped++;
                continue;
            }

            epochs[metrics.Epoch] = metrics;
        }

        return new TrainingMetricsFile(path, epochs.Values.ToArray(), skipped);
    }

    /// <summary>
    /// Finds the metrics file of the run that produced <paramref name="networkPath"/>: the
    /// <c>metrics.jsonl</c> in that folder, or next to that file. Returns null when there is none.
    /// </summary>
    public static string? FindForNetwork(string networkPath)
    {
        var folder = Directory.Exists(networkPath) ? networkPath : Path.GetDirectoryName(Path.GetFullPath(networkPath));
        if (folder is null)
        {
            return null;
        }

        var candidate = Path.Combine(folder, FileName);
        return File.Exists(candidate) ? candidate : null;
    }

    internal static EpochMetrics? ParseLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("epoch", out var epochElement)
                || !epochElement.TryGetInt32(out var epoch))
            {
                return null;
            }

            return new EpochMetrics(
                epoch,
                Number(root, "train_loss", "loss"),
                Number(root, "validation_loss", "val_loss"),
                Number(root, "per_step_accuracy", "accuracy"),
                Number(root, "exact_sequence_accuracy", "exact_accuracy"),
                Number(root, "min_margin"),
                Number(root, "learning_rate"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Number(JsonElement root, params string[] names)
    {
        foreach (var name in names)
        {
            if (!root.TryGetProperty(name, out var element))
            {
                continue;
            }

            switch (element.ValueKind)
            {
                case JsonValueKind.Number:
                    return element.GetDouble();
                case JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value):
                    return value;
                default:
                    return null;
            }
        }

        return null;
    }
}
