namespace GateLang.Reports;

/// <summary>A figure rendered in memory as PNG and SVG, ready to be written with the report.</summary>
/// <param name="Name">The file name without extension, such as <c>reset-staircase</c>.</param>
/// <param name="Caption">One or two sentences for the report: what is plotted and how to read it.</param>
public sealed record RenderedFigure(string Name, string Caption, byte[] Png, string Svg, int Width, int Height);
