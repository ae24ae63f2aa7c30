using ScottPlot;
using SkiaSharp;

namespace GateLang.Reports;

/// <summary>
/// Draws one or more ScottPlot plots, stacked in a grid, into a PNG and an SVG of the same layout.
/// </summary>
internal static class FigureCanvas
{
    /// <param name="panels">The plots, row by row.</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="panelWidth">Width of one panel in pixels.</param>
    /// <param name="panelHeight">Height of one panel in pixels.</param>
    public static RenderedFigure Render(string name, string caption, IReadOnlyList<Plot> panels, int columns, int panelWidth, int panelHeight)
    {
        var rows = (panels.Count + columns - 1) / columns;
        var width = columns * panelWidth;
        var height = rows * panelHeight;

        byte[] png;
        using (var surface = SKSurface.Create(new SKImageInfo(width, height)))
        {
            Draw(surface.Canvas, panels, columns, panelWidth, panelHeight);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            png = data.ToArray();
        }

        string svg;
        using (var buffer = new MemoryStream())
        {
            using (var stream = new SKManagedWStream(buffer))
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            {
                Draw(canvas, panels, columns, panelWidth, panelHeight);
            }

            // A heatmap is embedded as a small bitmap, one pixel per cell. Viewers smooth scaled
            // bitmaps by default, which blurs the cells, so every image is marked pixelated.
            svg = System.Text.Encoding.UTF8.GetString(buffer.ToArray())
                .Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
        }

        return new RenderedFigure(name, caption, png, svg, width, height);
    }

    private static void Draw(SKCanvas canvas, IReadOnlyList<Plot> panels, int columns, int panelWidth, int panelHeight)
    {
        canvas.Clear(SKColors.White);
        for (var index = 0; index < panels.Count; index++)
        {
            var left = (index % columns) * panelWidth;
            var top = (index / columns) * panelHeight;

            // ScottPlot clears the canvas before drawing a plot; the clip keeps that to the panel.
            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, left + panelWidth, top + panelHeight));
            panels[index].Render(canvas, new PixelRect(left, left + panelWidth, top + panelHeight, top));
            canvas.Restore();
        }
    }
}
