using System.Text.Json;
using GateLang.Compilation;
using GateLang.Export;
using GateLang.Ir;
using GateLang.Model;

namespace GateLang.Analysis;

/// <summary>
/// A network to analyse: its weights, the task it was built or trained for, where it came from,
/// and, for a compiled network, its hidden blocks.
/// </summary>
/// <param name="Name">The network's name, used in figure titles and report headings.</param>
/// <param name="Source">Where the weights came from: a spec path, an export or a checkpoint.</param>
/// <param name="Blocks">The hidden blocks of a synthetic network in hidden-state order; empty when unknown.</param>
public sealed record AnalysisSubject(
    string Name,
    string Source,
    GruWeights Weights,
    TaskDefinition Task,
    IReadOnlyList<NeuronBlock> Blocks)
{
    /// <summary>Describes a network compiled from a spec, with the blocks of its definition.</summary>
    public static AnalysisSubject FromCompiled(CompiledNetwork network, string source) =>
        new(
            network.Definition.Name,
            source,
            network.Weights,
            network.Task,
            network.Definition.Blocks
                .Select(b => new NeuronBlock(b.Name, BlockKindWords.ToWord(b.Kind), b.Offset, b.Size))
                .ToList());

    /// <summary>
    /// Describes a network read from a gatelang-gru safetensors file, with the blocks listed in its
    /// <c>blocks</c> metadata when that key is present and valid.
    /// </summary>
    public static AnalysisSubject FromExport(ExportedNetwork network) =>
        new(network.NetworkName, network.Path, network.Weights, network.Task, ReadBlocks(network.Metadata, network.Weights.HiddenSize));

    /// <summary>
    /// Parses the JSON array of <c>{name, kind, offset, size}</c> objects that the export writes.
    /// Returns an empty list when the key is missing or the blocks do not tile the hidden state,
    /// because the analyses then treat the network like a trained one.
    /// </summary>
    public static IReadOnlyList<NeuronBlock> ReadBlocks(IReadOnlyDictionary<string, string> metadata, int hiddenSize)
    {
        if (!metadata.TryGetValue(MetadataKeys.Blocks, out var text))
        {
            return [];
        }

        List<NeuronBlock>? blocks;
        try
        {
            blocks = JsonSerializer.Deserialize<List<NeuronBlock>>(text, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException)
        {
            return [];
        }

        if (blocks is null || blocks.Any(b => b.Name is null || b.Kind is null))
        {
            return [];
        }

        var next = 0;
        foreach (var block in blocks.OrderBy(b => b.Offset))
        {
            if (block.Offset != next || block.Size < 1)
            {
                return [];
            }

            next += block.Size;
        }

        return next == hiddenSize ? blocks.OrderBy(b => b.Offset).ToList() : [];
    }
}

/// <summary>A block of contiguous hidden neurons of a synthetic network, such as the memory block.</summary>
/// <param name="Kind">The block kind in lower case: <c>memory</c>, <c>clock</c> or <c>switch</c>.</param>
/// <param name="Offset">Index of the block's first neuron in the hidden state.</param>
public sealed record NeuronBlock(string Name, string Kind, int Offset, int Size)
{
    public bool Contains(int neuron) => neuron >= Offset && neuron < Offset + Size;
}
