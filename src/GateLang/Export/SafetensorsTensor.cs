namespace GateLang.Export;

/// <summary>The element types GateLang writes and reads, named as in the safetensors header.</summary>
public enum SafetensorsDtype
{
    /// <summary>IEEE 754 single precision, little-endian (<c>torch.float32</c>).</summary>
    F32,

    /// <summary>IEEE 754 double precision, little-endian (<c>torch.float64</c>).</summary>
    F64,
}

/// <summary>
/// One named tensor of a safetensors file: its dtype, its shape and its values in row-major
/// (C) order, held as doubles whatever the dtype on disk.
/// </summary>
public sealed class SafetensorsTensor
{
    public SafetensorsTensor(string name, SafetensorsDtype dtype, IReadOnlyList<int> shape, double[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        long count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension, nameof(shape));
            count *= dimension;
        }

        if (count != values.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has shape [{string.Join(", ", shape)}], which needs {count} values, but {values.Length} were given.",
                nameof(values));
        }

        Name = name;
        Dtype = dtype;
        Shape = shape.ToArray();
        Values = values;
    }

    public string Name { get; }

    public SafetensorsDtype Dtype { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>Row-major values; for F32 tensors, the doubles that the stored floats convert to exactly.</summary>
    public double[] Values { get; }

    /// <summary>Size of one element on disk: 4 bytes for F32, 8 for F64.</summary>
    public static int ElementSize(SafetensorsDtype dtype) => dtype == SafetensorsDtype.F32 ? 4 : 8;
}

/// <summary>The contents of a safetensors file: its tensors in data order and its string metadata.</summary>
public sealed class SafetensorsFile
{
    private readonly Dictionary<string, SafetensorsTensor> _byName;

    public SafetensorsFile(string path, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file the contents were read from, used in error messages.</summary>
    public string Path { get; }

    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Returns tensor <paramref name="name"/>, or throws <see cref="ExportFormatException"/> when the file lacks it.</summary>
    public SafetensorsTensor Get(string name) =>
        _byName.TryGetValue(name, out var tensor)
            ? tensor
            : throw new ExportFormatException(Path, $"missing tensor '{name}'; the file has {DescribeNames()}.");

    /// <summary>
    /// Returns tensor <paramref name="name"/> after checking that its shape is <paramref name="expectedShape"/>.
    /// </summary>
    public SafetensorsTensor Get(string name, params int[] expectedShape)
    {
        var tensor = Get(name);
        if (!tensor.Shape.SequenceEqual(expectedShape))
        {
            throw new ExportFormatException(
                Path,
                $"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", expectedShape)}].");
        }

        return tensor;
    }

    private string DescribeNames() =>
        Tensors.Count == 0 ? "no tensors" : "tensors " + string.Join(", ", Tensors.Select(t => $"'{t.Name}'"));
}
