using System.Text.Json.Nodes;
using GateLang.Ir;

namespace GateLang.Torch.Training;

/// <summary>
/// A <see cref="TrainingDefinition"/> as a JSON object whose keys are the <c>train</c> section's
/// setting names, as stored in run.json and in checkpoints.
/// </summary>
public static class TrainingSettings
{
    /// <summary>Settings that may change when a run is resumed: they do not change any step already taken.</summary>
    public static IReadOnlySet<string> ResumableChanges { get; } = new HashSet<string>(StringComparer.Ordinal) { "epochs", "checkpoint_every" };

    public static JsonObject ToJson(TrainingDefinition training) => new()
    {
        ["hidden"] = training.HiddenSize,
        ["arch"] = RecurrentNetwork.CellNameOf(training.Architecture),
        ["init"] = Name(training.Initialization),
        ["noise"] = training.NoiseSigma,
        ["lr"] = training.LearningRate,
        ["schedule"] = Name(training.Schedule),
        ["gamma"] = training.Gamma,
        ["step_epochs"] = training.StepEpochs,
        ["batch"] = training.BatchSize,
        ["epochs"] = training.Epochs,
        ["clip"] = training.GradientClip,
        ["train_trials"] = training.TrainTrials,
        ["validation_trials"] = training.ValidationTrials,
        ["seed"] = training.Seed,
        ["precision"] = training.Float64 ? "f64" : "f32",
        ["checkpoint_every"] = training.CheckpointEvery,
    };

    /// <summary>Returns the settings, other than <see cref="ResumableChanges"/>, whose values differ, as "key: recorded → requested".</summary>
    public static List<string> Differences(JsonObject recorded, JsonObject requested)
    {
        var differences = new List<string>();
        foreach (var (key, value) in requested)
        {
            if (ResumableChanges.Contains(key))
            {
                continue;
            }

            var recordedText = recorded[key]?.ToJsonString() ?? "missing";
            var requestedText = value?.ToJsonString() ?? "null";
            if (recordedText != requestedText)
            {
                differences.Add($"{key}: {recordedText} → {requestedText}");
            }
        }

        return differences;
    }

    public static string Name(Initialization initialization) => initialization.ToString().ToLowerInvariant();

    public static string Name(LearningRateSchedule schedule) => schedule.ToString().ToLowerInvariant();
}
