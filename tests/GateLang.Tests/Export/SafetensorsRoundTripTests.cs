using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using GateLang.Export;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Export;

public sealed class SafetensorsRoundTripTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void F64RoundTripIsExact()
    {
        var network = BinaryCopyNetworks.Compile(3);
        var path = _directory.File("copy3.safetensors");

        SafetensorsWriter.WriteNetwork(path, network, Spec(3), SafetensorsDtype.F64);
        var read = SafetensorsReader.ReadNetwork(path);

        var expected = network.Weights;
        var actual = read.Weights;
        Assert.Equal(SafetensorsDtype.F64, read.Dtype);
        Assert.Equal(expected.WeightIh.Data, actual.WeightIh.Data);
        Assert.Equal(expected.WeightHh.Data, actual.WeightHh.Data);
        Assert.Equal(expected.BiasIh, actual.BiasIh);
        Assert.Equal(expected.BiasHh, actual.BiasHh);
        Assert.Equal(expected.ReadoutWeight.Data, actual.ReadoutWeight.Data);
        Assert.Equal(expected.ReadoutBias, actual.ReadoutBias);
        Assert.Equal(expected.InitialState, actual.InitialState);
        Assert.Equal(expected.HiddenLabels, actual.HiddenLabels);
        Assert.Equal(expected.InputLabels, actual.InputLabels);
        Assert.Equal(expected.OutputLabels, actual.OutputLabels);
    }

    [Fact]
    public void F32RoundTripRoundsEachValue()
    {
        var network = BinaryCopyNetworks.Compile(10);
        var path = _directory.File("copy10.safetensors");

        SafetensorsWriter.WriteNetwork(path, network, Spec(10));
        var read = SafetensorsReader.ReadNetwork(path);

        Assert.Equal(SafetensorsDtype.F32, read.Dtype);
        var expected = network.Weights.WeightIh.Data.Select(v => (double)(float)v).ToArray();
        Assert.Equal(expected, read.Weights.WeightIh.Data);
        Assert.Equal((double)(float)Math.Pow(3, -10), read.Weights.WeightIh[(2 * read.Weights.HiddenSize) + 9, 0]);
    }

    [Fact]
    public void TaskAndProvenanceRoundTrip()
    {
        var network = BinaryCopyNetworks.Compile(2, delayMin: 5, delayMax: 9, seed: -7);
        var path = _directory.File("copy2.safetensors");
        var spec = new SpecSource("examples/copy2.gate", "network copy2 {\n  // ü, <, & stay readable\n}\n");

        SafetensorsWriter.WriteNetwork(path, network, spec);
        var read = SafetensorsReader.ReadNetwork(path);

        Assert.Equal("binary_copy", read.NetworkName);
        Assert.Equal("copy", read.Task.Name);
        Assert.Equal(network.Task.Kind, read.Task.Kind);
        Assert.Equal(2, read.Task.Symbols);
        Assert.Equal(2, read.Task.Length);
        Assert.Equal(5, read.Task.DelayMin);
        Assert.Equal(9, read.Task.DelayMax);
        Assert.Equal(-7, read.Task.Seed);
        Assert.Equal(spec, read.Spec);
        Assert.Equal(NetworkExportFormat.GateLangVersion, read.GateLangVersion);
        Assert.Equal(path, read.Path);
    }

    [Fact]
    public void HeaderFollowsSafetensorsLayout()
    {
        var bytes = SafetensorsWriter.SerializeNetwork(BinaryCopyNetworks.Compile(3), Spec(3));

        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        var headerText = Encoding.UTF8.GetString(bytes, 8, headerLength);
        Assert.StartsWith("{", headerText, StringComparison.Ordinal);
        var json = headerText.TrimEnd(' ');
        Assert.EndsWith("}", json, StringComparison.Ordinal);
        Assert.InRange(headerText.Length - json.Length, 0, 7);

        using var header = JsonDocument.Parse(headerText);
        var root = header.RootElement;
        var d = 8;
        (string Name, int[] Shape)[] expected =
        [
            ("gru.weight_ih_l0", [3 * d, 4]),
            ("gru.weight_hh_l0", [3 * d, d]),
            ("gru.bias_ih_l0", [3 * d]),
            ("gru.bias_hh_l0", [3 * d]),
            ("readout.weight", [3, d]),
            ("readout.bias", [3]),
            ("h0", [d]),
        ];

        long offset = 0;
        foreach (var (name, shape) in expected)
        {
            var entry = root.GetProperty(name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Assert.Equal(offset, offsets[0]);
            Assert.Equal(offset + (4L * shape.Aggregate(1, (a, b) => a * b)), offsets[1]);
            offset = offsets[1];
        }

        Assert.Equal(8 + headerLength + offset, bytes.Length);
        Assert.Equal(expected.Length + 1, root.EnumerateObject().Count());
    }

    [Fact]
    public void MetadataHasEveryKey()
    {
        var bytes = SafetensorsWriter.SerializeNetwork(BinaryCopyNetworks.Compile(3), Spec(3));
        var metadata = SafetensorsReader.Parse(bytes, "memory").Metadata;

        Assert.Equal("gatelang-gru", metadata["format"]);
        Assert.Equal("1", metadata["format_version"]);
        Assert.Equal("vdcm", metadata["task"]);
        Assert.Equal("copy", metadata["task_name"]);
        Assert.Equal("2", metadata["symbols"]);
        Assert.Equal("3", metadata["length"]);
        Assert.Equal("100", metadata["delay_min"]);
        Assert.Equal("120", metadata["delay_max"]);
        Assert.Equal("1", metadata["seed"]);
        Assert.Equal("binary_copy", metadata["network"]);
        Assert.Equal(BinaryCopyNetworks.SpecText(3), metadata["spec"]);
        Assert.Equal("copy3.gate", metadata["spec_file"]);
        Assert.Equal("""["mem[0]","mem[1]","mem[2]","clk[0]","clk[1]","clk[2]","clk[3]","sw[0]"]""", metadata["hidden_labels"]);
        Assert.Equal("""["A","B","blank","delim"]""", metadata["input_labels"]);
        Assert.Equal("""["A","B","blank"]""", metadata["output_labels"]);
        Assert.Equal(
            """[{"name":"mem","kind":"memory","offset":0,"size":3},{"name":"clk","kind":"clock","offset":3,"size":4},{"name":"sw","kind":"switch","offset":7,"size":1}]""",
            metadata["blocks"]);
        Assert.StartsWith("0.1", metadata["gatelang_version"], StringComparison.Ordinal);
    }

    [Fact]
    public void SerializationIsDeterministic()
    {
        var first = SafetensorsWriter.SerializeNetwork(BinaryCopyNetworks.Compile(3), Spec(3));
        var second = SafetensorsWriter.SerializeNetwork(BinaryCopyNetworks.Compile(3), Spec(3));

        Assert.Equal(first, second);
    }

    [Fact]
    public void GenericTensorsRoundTrip()
    {
        var path = _directory.File("generic.safetensors");
        SafetensorsTensor[] tensors =
        [
            new("b", SafetensorsDtype.F64, [2, 0], []),
            new("a", SafetensorsDtype.F32, [], [1.5]),
        ];

        SafetensorsWriter.Write(path, tensors, new Dictionary<string, string>());
        var file = SafetensorsReader.Read(path);

        Assert.Empty(file.Metadata);
        Assert.Equal(["b", "a"], file.Tensors.Select(t => t.Name));
        Assert.Equal([2, 0], file.Get("b").Shape);
        Assert.Empty(file.Get("a").Shape);
        Assert.Equal([1.5], file.Get("a").Values);
    }

    [Fact]
    public void DuplicateTensorNameIsRejected()
    {
        SafetensorsTensor[] tensors =
        [
            new("w", SafetensorsDtype.F32, [1], [1.0]),
            new("w", SafetensorsDtype.F32, [1], [2.0]),
        ];

        var error = Assert.Throws<ArgumentException>(() => SafetensorsWriter.Serialize(tensors, new Dictionary<string, string>()));
        Assert.Contains("'w' appears twice", error.Message, StringComparison.Ordinal);
    }

    private static SpecSource Spec(int length) => new($"copy{length}.gate", BinaryCopyNetworks.SpecText(length));
}
