using GateLang.Analysis;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Analysis;

public class TrainingMetricsReaderTests
{
    [Fact]
    public void ReadsTrainingRunFields()
    {
        var metrics = TrainingMetricsReader.ParseLine(
            "{\"epoch\":3,\"epochs\":10,\"step\":30,\"learning_rate\":0.001,\"train_loss\":0.21,\"validation_loss\":0.25,\"per_step_accuracy\":0.97,\"exact_sequence_accuracy\":0.6,\"min_margin\":-0.5,\"decoding_step_accuracy\":[1,0.9]}");

        Assert.Equal(new EpochMetrics(3, 0.21, 0.25, 0.97, 0.6, -0.5, 0.001), metrics);
    }

    [Fact]
    public void ToleratesDamagedAndOddLines()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.File("metrics.jsonl");
        File.WriteAllText(path, string.Join(
            "\n",
            "{\"epoch\": 0, \"train_loss\": null, \"validation_loss\": \"NaN\"}",
            "",
            "not json",
            "{\"epoch\": 1, \"loss\": 0.5, \"val_loss\": 0.6, \"accuracy\": 0.8}",
            "{\"epoch\": 1, \"train_loss\": 0.4}",
            "{\"epoch\": 2, \"train_loss\": 0.3, \"vali"));

        var file = TrainingMetricsReader.Read(path);

        Assert.Equal([0, 1], file.Epochs.Select(e => e.Epoch));
        Assert.Null(file.Epochs[0].TrainLoss);
        Assert.True(double.IsNaN(file.Epochs[0].ValidationLoss!.Value));
        Assert.Equal(0.4, file.Epochs[1].TrainLoss);
        Assert.Null(file.Epochs[1].ValidationLoss);
        Assert.Equal(2, file.SkippedLines);
    }

    [Fact]
    public void AlternativeNamesAreRead()
    {
        var metrics = TrainingMetricsReader.ParseLine("{\"epoch\": 1, \"loss\": 0.5, \"val_loss\": 0.6, \"accuracy\": 0.8, \"exact_accuracy\": 0.1}");

        Assert.Equal(new EpochMetrics(1, 0.5, 0.6, 0.8, 0.1, null, null), metrics);
    }

    [Fact]
    public void FindsFileNextToNetwork()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("metrics.jsonl"), "{\"epoch\": 0}\n");

        Assert.Equal(folder.File("metrics.jsonl"), TrainingMetricsReader.FindForNetwork(folder.File("model.safetensors")));
        Assert.Equal(folder.File("metrics.jsonl"), TrainingMetricsReader.FindForNetwork(folder.Path));
        Assert.Null(TrainingMetricsReader.FindForNetwork(Path.Combine(folder.Path, "sub", "model.safetensors")));
    }
}
