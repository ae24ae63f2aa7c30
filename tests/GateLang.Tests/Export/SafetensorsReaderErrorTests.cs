using System.Buffers.Binary;
using System.Text;
using GateLang.Export;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Export;

public sealed class SafetensorsReaderErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void FileShorterThanLengthPrefix()
    {
        var error = ReadFails([1, 2, 3]);

        Assert.Contains("the file is truncated: it has 3 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderCutShort()
    {
        var bytes = ValidNetworkBytes();

        var error = ReadFails(bytes[..40]);

        Assert.Contains("the file is truncated: the header length is", error.Message, StringComparison.Ordinal);
        Assert.Contains("only 32 bytes follow it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataCutShort()
    {
        var bytes = ValidNetworkBytes();

        var error = ReadFails(bytes[..^4]);

        Assert.Contains("the file is truncated: the header describes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraBytesAfterData()
    {
        var error = ReadFails([.. ValidNetworkBytes(), 0, 0, 0]);

        Assert.Contains("3 unexpected bytes at the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeHeaderLength()
    {
        var bytes = ValidNetworkBytes();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1UL << 40);

        var error = ReadFails(bytes);

        Assert.Contains("more than the maximum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptedHeaderJson()
    {
        var bytes = ValidNetworkBytes();
        bytes[8] = (byte)'X';

        var error = ReadFails(bytes);

        Assert.Contains("the header is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderNotUtf8()
    {
        var bytes = ValidNetworkBytes();
        bytes[12] = 0xFF;

        var error = ReadFails(bytes);

        Assert.Contains("the header is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderNotObject()
    {
        var error = ReadFails(Build("[1, 2]", []));

        Assert.Contains("the header is a JSON array, expected an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDtype()
    {
        var error = ReadFails(Build("""{"w": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}}""", new byte[4]));

        Assert.Contains("tensor 'w' has dtype 'BF16', which GateLang does not read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDtype()
    {
        var error = ReadFails(Build("""{"w": {"shape": [1], "data_offsets": [0, 4]}}""", new byte[4]));

        Assert.Contains("tensor 'w' has no string 'dtype'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeShape()
    {
        var error = ReadFails(Build("""{"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}""", new byte[4]));

        Assert.Contains("expected non-negative integers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OffsetsDisagreeWithShape()
    {
        var error = ReadFails(Build("""{"w": {"dtype": "F64", "shape": [2], "data_offsets": [0, 8]}}""", new byte[8]));

        Assert.Contains("which needs 16 bytes, but its data_offsets [0, 8] span 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingTensors()
    {
        const string header = """
            {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
             "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}
            """;

        var error = ReadFails(Build(header, new byte[12]));

        Assert.Contains("tensor 'b' starts at data byte 4, expected 8: it overlaps the tensor before it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GapBetweenTensors()
    {
        const string header = """
            {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
             "b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12]}}
            """;

        var error = ReadFails(Build(header, new byte[12]));

        Assert.Contains("leaves a gap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateHeaderKey()
    {
        const string header = """
            {"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
             "a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}
            """;

        var error = ReadFails(Build(header, new byte[8]));

        Assert.Contains("the header names 'a' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataValueNotString()
    {
        var error = ReadFails(Build("""{"__metadata__": {"symbols": 2}}""", []));

        Assert.Contains("metadata value 'symbols' is a JSON number, expected a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTensor()
    {
        var error = LoadFails(tensors => tensors.RemoveAll(t => t.Name == "gru.bias_hh_l0"), _ => { });

        Assert.Contains("missing tensor 'gru.bias_hh_l0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'gru.weight_ih_l0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TensorShapeMismatch()
    {
        var error = LoadFails(
            tensors =>
            {
                var index = tensors.FindIndex(t => t.Name == "gru.weight_hh_l0");
                var original = tensors[index];
                tensors[index] = new SafetensorsTensor(original.Name, original.Dtype, [original.Shape[1], original.Shape[0]], original.Values);
            },
            _ => { });

        Assert.Contains("tensor 'gru.weight_hh_l0' has shape [6, 18], expected [18, 6]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedDtypes()
    {
        var error = LoadFails(
            tensors =>
            {
                var index = tensors.FindIndex(t => t.Name == "h0");
                var original = tensors[index];
                tensors[index] = new SafetensorsTensor(original.Name, SafetensorsDtype.F64, original.Shape, original.Values);
            },
            _ => { });

        Assert.Contains("mix dtypes F32 and F64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongFormat()
    {
        var error = LoadFails(_ => { }, metadata => metadata["format"] = "pt");

        Assert.Contains("metadata 'format' is 'pt', expected 'gatelang-gru'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedFormatVersion()
    {
        var error = LoadFails(_ => { }, metadata => metadata["format_version"] = "2");

        Assert.Contains("format_version '2' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMetadataKey()
    {
        var error = LoadFails(_ => { }, metadata => metadata.Remove("delay_max"));

        Assert.Contains("missing metadata key 'delay_max'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidDelayRange()
    {
        var error = LoadFails(_ => { }, metadata => metadata["delay_max"] = "50");

        Assert.Contains("metadata 'delay_max' is '50', expected an integer of at least 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SymbolsDisagreeWithTensors()
    {
        var error = LoadFails(_ => { }, metadata => metadata["symbols"] = "3");

        Assert.Contains("tensor 'gru.weight_ih_l0' has shape [18, 4], expected [18, 5]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelCountMismatch()
    {
        var error = LoadFails(_ => { }, metadata => metadata["hidden_labels"] = """["a"]""");

        Assert.Contains("metadata 'hidden_labels' has 1 labels, expected 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTaskKind()
    {
        var error = LoadFails(_ => { }, metadata => metadata["task"] = "sorting");

        Assert.Contains("metadata 'task' is 'sorting', which this GateLang does not know", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsIoError()
    {
        Assert.Throws<FileNotFoundException>(() => SafetensorsReader.Read(_directory.File("absent.safetensors")));
    }

    private static byte[] ValidNetworkBytes() =>
        SafetensorsWriter.SerializeNetwork(BinaryCopyNetworks.Compile(2), new SpecSource("copy.gate", "x"));

    private static byte[] Build(string header, byte[] data)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + headerBytes.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerBytes.Length);
        headerBytes.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + headerBytes.Length);
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> to a file, reads it as a network, and returns the error, which must name the file.</summary>
    private ExportFormatException ReadFails(byte[] bytes)
    {
        var path = _directory.File("broken.safetensors");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ExportFormatException>(() => SafetensorsReader.ReadNetwork(path));

        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Writes the S = 2 network after <paramref name="editTensors"/> and <paramref name="editMetadata"/>, and returns the load error.</summary>
    private ExportFormatException LoadFails(Action<List<SafetensorsTensor>> editTensors, Action<Dictionary<string, string>> editMetadata)
    {
        var network = BinaryCopyNetworks.Compile(2);
        var tensors = NetworkExportFormat.CreateTensors(network.Weights, SafetensorsDtype.F32).ToList();
        var metadata = new Dictionary<string, string>(NetworkExportFormat.CreateMetadata(network, new SpecSource("copy.gate", "x")));
        editTensors(tensors);
        editMetadata(metadata);

        return ReadFails(SafetensorsWriter.Serialize(tensors, metadata));
    }
}
