using System.Text;
using System.Text.Json;
using GateLang.IO;

namespace GateLang.Torch.Training;

/// <summary>
/// The metrics.jsonl file of a run: one JSON object per line, one line per epoch, appended and
/// flushed as each epoch ends.
/// </summary>
/// <remarks>
/// Keys: <c>epoch</c> (0 for the initial weights), <c>epochs</c>, <c>step</c>,
/// <c>learning_rate</c>, <c>train_loss</c> (null for epoch 0), <c>validation_loss</c>,
/// <c>per_step_accuracy</c>, <c>exact_sequence_accuracy</c>, <c>min_margin</c>,
/// <c>memoryless_cross_entropy</c>, <c>decoding_step_accuracy</c> (one value per symbol
/// position), <c>gradient_norm_mean</c>, <c>gradient_norm_max</c>, <c>epoch_seconds</c>,
/// <c>elapsed_seconds</c>. Losses are mean cross-entropies per step in nats. A value that is not
/// finite is written as the string "NaN", "Infinity" or "-Infinity".
/// </remarks>
public static class MetricsLog
{
    public const string FileName = "metrics.jsonl";

    /// <summary>Returns the JSON line of <paramref name="metrics"/>, without the line feed.</summary>
    public static string FormatLine(EpochMetrics metrics)
    {
        var validation = metrics.Validation;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("epoch", metrics.Epoch);
            json.WriteNumber("epochs", metrics.Epochs);
            json.WriteNumber("step", metrics.Step);
            WriteNumber(json, "learning_rate", metrics.LearningRate);
            WriteNumber(json, "train_loss", metrics.TrainLoss);
            WriteNumber(json, "validation_loss", validation.CrossEntropy);
            WriteNumber(json, "per_step_accuracy", validation.PerStepAccuracy);
            WriteNumber(json, "exact_sequence_accuracy", validation.ExactSequenceAccuracy);
            WriteNumber(json, "min_margin", validation.MinMargin);
            WriteNumber(json, "memoryless_cross_entropy", validation.MemorylessCrossEntropy);
            json.WriteStartArray("decoding_step_accuracy");
            foreach (var accuracy in validation.DecodingStepAccuracy)
            {
                WriteValue(json, accuracy);
            }

            json.WriteEndArray();
            WriteNumber(json, "gradient_norm_mean", metrics.GradientNormMean);
            WriteNumber(json, "gradient_norm_max", metrics.GradientNormMax);
            WriteNumber(json, "epoch_seconds", Math.Round(metrics.EpochSeconds, 3));
            WriteNumber(json, "elapsed_seconds", Math.Round(metrics.ElapsedSeconds, 3));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Appends one line and flushes it to disk, so a killed run keeps every finished epoch.</summary>
    public static void Append(string path, EpochMetrics metrics)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = Encoding.UTF8.GetBytes(FormatLine(metrics) + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Rewrites the file, atomically, with only the complete lines of epochs up to
    /// <paramref name="epoch"/>: a resumed run repeats the epochs after its checkpoint.
    /// </summary>
    public static void KeepEpochsUpTo(string path, int epoch)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var text = File.ReadAllText(path, Encoding.UTF8);
        var keptLines = new StringBuilder();
        foreach (var line in CompleteLines(text))
        {
            if (ReadEpoch(line) is { } lineEpoch && lineEpoch <= epoch)
            {
                keptLines.Append(line).Append('\n');
            }
        }

        AtomicFile.WriteAllText(path, keptLines.ToString());
    }

    /// <summary>Returns the lines that end with a line feed; a line cut off by a kill has none.</summary>
    private static IEnumerable<string> CompleteLines(string text)
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                yield break;
            }

            yield return text[start..end];
            start = end + 1;
        }
    }

    private static int? ReadEpoch(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.TryGetProperty("epoch", out var epoch) && epoch.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        if (value is { } number)
        {
            WriteValue(json, number);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else if (double.IsNaN(value))
        {
            json.WriteStringValue("NaN");
        }
        else
        {
            json.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
