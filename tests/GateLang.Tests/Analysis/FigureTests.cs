using GateLang.Analysis;
using GateLang.Reports;

namespace GateLang.Tests.Analysis;

public class FigureTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static TheoryData<string> FigureNames() =>
        new([TrajectoryFigure.Name, ResetFigure.Name, PerturbationFigures.SuccessName, PerturbationFigures.BlockName, PcaFigure.Name]);

    [Theory]
    [MemberData(nameof(FigureNames))]
    public void FigureRendersPngAndSvg(string name)
    {
        var figure = Render(ReportFixtures.Synthetic, name);

        Assert.Equal(PngSignature, figure.Png.Take(8));
        Assert.True(figure.Png.Length > 5_000, $"{name}.png has only {figure.Png.Length} bytes");
        Assert.Contains("<svg", figure.Svg, StringComparison.Ordinal);
        Assert.True(figure.Svg.Length > 5_000, $"{name}.svg has only {figure.Svg.Length} characters");
        Assert.NotEmpty(figure.Caption);
    }

    [Fact]
    public void TitleNamesNetworkAndTrialSet()
    {
        var figure = Render(ReportFixtures.Synthetic, ResetFigure.Name);

        Assert.Contains("binary_copy, 60 trials, seed 2, T = 5..12", figure.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void HeatmapSvgIsPixelated()
    {
        var figure = Render(ReportFixtures.Synthetic, ResetFigure.Name);

        Assert.Contains("<image style=\"image-rendering:pixelated\"", figure.Svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<image id", figure.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainingCurvesRender()
    {
        var metrics = new TrainingMetricsFile(
            "metrics.jsonl",
            Enumerable.Range(0, 20).Select(e => new EpochMetrics(e, e == 0 ? null : 1.0 / (e + 1), 1.2 / (e + 1), e / 20.0, e / 25.0, null, 1e-3)).ToArray(),
            SkippedLines: 0);

        var figure = TrainingCurveFigure.Render(metrics, "trained");

        Assert.Equal(PngSignature, figure.Png.Take(8));
        Assert.True(figure.Png.Length > 5_000, $"training-curves.png has only {figure.Png.Length} bytes");
    }

    [Fact]
    public void NoisyNetworkFiguresRender()
    {
        var result = ReportFixtures.Noisy;
        var context = FigureContext.From(result);

        var figures = new[]
        {
            TrajectoryFigure.Render(result.Recording, TrajectoryFigure.DefaultNeurons(result), context),
            ResetFigure.Render(result.Reset, context),
            PerturbationFigures.RenderSuccess(result.Map!, context),
            PerturbationFigures.RenderBlocks(result.Blocks!, 2, context),
        };

        Assert.All(figures, f => Assert.Equal(PngSignature, f.Png.Take(8)));
    }

    [Fact]
    public void SimplifyKeepsShapeOfFlatRuns()
    {
        double[] values = [0, 0, 0, 0, 1, 1, 1, 1, 0.5, 0.5];

        var (xs, ys) = TrajectoryFigure.Simplify(values, 1e-6);

        for (var t = 0; t < values.Length; t++)
        {
            Assert.Equal(values[t], Interpolate(xs, ys, t), 1e-12);
        }

        Assert.True(xs.Length < values.Length);
    }

    [Fact]
    public void DefaultNeuronsCoverEveryBlockWhenSmall()
    {
        Assert.Equal(Enumerable.Range(0, 10), TrajectoryFigure.DefaultNeurons(ReportFixtures.Synthetic));
    }

    private static RenderedFigure Render(NetworkAnalysisResult result, string name)
    {
        var context = FigureContext.From(result);
        return name switch
        {
            TrajectoryFigure.Name => TrajectoryFigure.Render(result.Recording, TrajectoryFigure.DefaultNeurons(result), context),
            ResetFigure.Name => ResetFigure.Render(result.Reset, context),
            PerturbationFigures.SuccessName => PerturbationFigures.RenderSuccess(result.Map!, context),
            PerturbationFigures.BlockName => PerturbationFigures.RenderBlocks(result.Blocks!, 2, context),
            PcaFigure.Name => PcaFigure.Render(result.Pca[2], context),
            _ => throw new ArgumentException(name),
        };
    }

    private static double Interpolate(double[] xs, double[] ys, double x)
    {
        var i = Array.FindLastIndex(xs, v => v <= x);
        return i == xs.Length - 1 ? ys[i] : ys[i] + ((ys[i + 1] - ys[i]) * (x - xs[i]) / (xs[i + 1] - xs[i]));
    }
}
