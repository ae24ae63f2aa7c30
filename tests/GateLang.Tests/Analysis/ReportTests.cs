using System.Text.Json;
using GateLang.Reports;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Analysis;

public class ReportTests
{
    [Fact]
    public void AnalysisReportWritesFiles()
    {
        using var folder = new TemporaryDirectory();
        var output = Path.Combine(folder.Path, "report");

        ReportWriter.Write(output, AnalysisReport.Build(ReportFixtures.Synthetic));

        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
        foreach (var name in new[] { "trajectories", "reset-staircase", "perturbation-map", "memory-blocks", "pca" })
        {
            Assert.True(File.Exists(Path.Combine(output, "figures", name + ".png")), $"{name}.png is missing");
            Assert.True(File.Exists(Path.Combine(output, "figures", name + ".svg")), $"{name}.svg is missing");
        }

        Assert.DoesNotContain(Directory.GetDirectories(folder.Path), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void JsonHoldsKnownNumbers()
    {
        var json = Json(AnalysisReport.Build(ReportFixtures.Synthetic));
        var network = json.RootElement.GetProperty("networks")[0];

        Assert.Equal("analyze", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(1.0, network.GetProperty("accuracy").GetProperty("exactSequenceAccuracy").GetDouble());
        Assert.Equal([0, 1, 2, 3], network.GetProperty("memory").GetProperty("neurons").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1, network.GetProperty("reset").GetProperty("firstResetStep")[0].GetInt32());
        Assert.Equal(JsonValueKind.Null, network.GetProperty("reset").GetProperty("firstResetStep")[3].ValueKind);
        Assert.Equal(0.255, network.GetProperty("settings").GetProperty("resetThreshold").GetDouble());
        Assert.Equal(8, network.GetProperty("perturbationMap").GetArrayLength());
        Assert.Equal("allSucceeded", network.GetProperty("perturbationMap")[0].GetProperty("outcome").GetString());
        Assert.Equal(60, network.GetProperty("trialSet").GetProperty("trials").GetInt32());
        Assert.Equal(2, network.GetProperty("trialSet").GetProperty("seed").GetInt64());
    }

    [Fact]
    public void MarkdownShowsStaircaseAndFigures()
    {
        var markdown = Markdown(AnalysisReport.Build(ReportFixtures.Synthetic));

        Assert.Contains("| 1 | mem[0] | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| never | mem[3] | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("4 memory neurons: mem[0], mem[1], mem[2], mem[3].", markdown, StringComparison.Ordinal);
        Assert.Contains("![reset-staircase](figures/reset-staircase.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("60 trials, seed 2, delay T uniform in 5..12", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonPutsNetworksSideBySide()
    {
        var content = AnalysisReport.BuildComparison(ReportFixtures.Synthetic, ReportFixtures.Noisy);

        var markdown = Markdown(content);
        var json = Json(content);

        Assert.Contains("| network | binary_copy | noisy |", markdown, StringComparison.Ordinal);
        Assert.Contains("| memory neurons | 4 |", markdown, StringComparison.Ordinal);
        Assert.Contains(content.Files, f => f.RelativePath == "figures/a-reset-staircase.png");
        Assert.Contains(content.Files, f => f.RelativePath == "figures/b-reset-staircase.png");
        Assert.Equal("compare", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("comparison").GetProperty("a").GetProperty("memoryNeurons").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("networks").GetArrayLength());
    }

    [Fact]
    public void NoisyNetworkGroupsByMemoryClass()
    {
        var markdown = Markdown(AnalysisReport.Build(ReportFixtures.Noisy));

        Assert.Contains("The network declares no blocks", markdown, StringComparison.Ordinal);
        Assert.Contains("| memory neurons (memory) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingFolderGetsNewFiles()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("notes.txt"), "kept");

        ReportWriter.Write(folder.Path, AnalysisReport.Build(ReportFixtures.Synthetic));

        Assert.Equal("kept", File.ReadAllText(folder.File("notes.txt")));
        Assert.True(File.Exists(folder.File("report.json")));
    }

    [Fact]
    public void TrainingMetricsAddFigure()
    {
        using var folder = new TemporaryDirectory();
        var metrics = folder.File("metrics.jsonl");
        File.WriteAllLines(metrics, Enumerable.Range(0, 5).Select(e => $"{{\"epoch\": {e}, \"train_loss\": {(e == 0 ? "null" : "0.5")}, \"validation_loss\": 0.4, \"per_step_accuracy\": 0.9, \"exact_sequence_accuracy\": 0.5}}"));
        var options = new ReportOptions { TrainingMetricsPaths = new Dictionary<string, string> { ["binary_copy"] = metrics } };

        var content = AnalysisReport.Build(ReportFixtures.Synthetic, options);

        Assert.Contains(content.Files, f => f.RelativePath == "figures/training-curves.png");
        Assert.Contains("5 epochs; last epoch 4", Markdown(content), StringComparison.Ordinal);
    }

    private static string Markdown(ReportContent content) =>
        System.Text.Encoding.UTF8.GetString(content.Files.Single(f => f.RelativePath == "report.md").Content);

    private static JsonDocument Json(ReportContent content) =>
        JsonDocument.Parse(content.Files.Single(f => f.RelativePath == "report.json").Content);
}
