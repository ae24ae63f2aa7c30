using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace GateLang.Export;

/// <summary>
/// Reads and validates safetensors files with F32 and F64 tensors, the dtypes GateLang writes.
/// </summary>
/// <remarks>
/// Every problem is reported as an <see cref="ExportFormatException"/> naming the file: a file
/// shorter than its header or data claim, a header that is not a JSON object of valid entries,
/// a dtype other than F32 or F64, data offsets that overlap, leave a gap or do not cover the
/// data exactly, and metadata values that are not strings.
/// NOTE: the whole file is read into memory, which suits GateLang's networks (kilobytes to a few
/// megabytes) but not multi-gigabyte checkpoints.
/// </remarks>
public static class SafetensorsReader
{
    /// <summary>The largest header accepted, 100 MB: MAX_HEADER_SIZE of the reference Rust crate <c>safetensors</c>.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file at <paramref name="path"/> and validates its header and data layout.</summary>
    /// <exception cref="ExportFormatException">The file is not a valid safetensors file of F32 or F64 tensors.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static SafetensorsFile Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Reads a network written by <see cref="SafetensorsWriter.WriteNetwork"/>, checking every tensor's shape and the metadata.</summary>
    /// <exception cref="ExportFormatException">The file is invalid, lacks a tensor or metadata key, or has a tensor of the wrong shape.</exception>
    public static ExportedNetwork ReadNetwork(string path) => NetworkExportFormat.Load(Read(path));

    /// <summary>Parses safetensors <paramref name="bytes"/>; <paramref name="path"/> only names the source in errors.</summary>
    public static SafetensorsFile Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 8)
        {
            throw new ExportFormatException(path, $"the file is truncated: it has {bytes.Length} bytes, fewer than the 8-byte header length.");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderLength)
        {
            throw new ExportFormatException(path, $"the header length is {headerLength} bytes, more than the maximum of {MaxHeaderLength}; the file is not a safetensors file or is corrupted.");
        }

        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new ExportFormatException(path, $"the file is truncated: the header length is {headerLength} bytes but only {bytes.Length - 8} bytes follow it.");
        }

        var dataStart = 8 + (int)headerLength;
        var entries = ParseHeader(bytes.AsSpan(8, (int)headerLength), path, out var metadata);
        var data = bytes.AsSpan(dataStart);
        CheckCoverage(entries, data.Length, path);

        var tensors = new List<SafetensorsTensor>(entries.Count);
        foreach (var entry in entries.OrderBy(e => e.Begin))
        {
            tensors.Add(new SafetensorsTensor(entry.Name, entry.Dtype, entry.Shape, DecodeValues(entry, data)));
        }

        return new SafetensorsFile(path, tensors, metadata);
    }

    private static List<TensorEntry> ParseHeader(ReadOnlySpan<byte> headerBytes, string path, out Dictionary<string, string> metadata)
    {
        string headerText;
        try
        {
            headerText = StrictUtf8.GetString(headerBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ExportFormatException(path, "the header is not valid UTF-8; the file is not a safetensors file or is corrupted.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(headerText);
        }
        catch (JsonException exception)
        {
            throw new ExportFormatException(path, $"the header is not valid JSON ({exception.Message}); the file is not a safetensors file or is corrupted.", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ExportFormatException(path, $"the header is a JSON {Describe(document.RootElement.ValueKind)}, expected an object.");
            }

            metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<TensorEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new ExportFormatException(path, $"the header names '{property.Name}' twice.");
                }

                if (property.Name == SafetensorsWriter.MetadataKey)
                {
                    metadata = ParseMetadata(property.Value, path);
                }
                else
                {
                    entries.Add(ParseEntry(property.Name, property.Value, path));
                }
            }

            return entries;
        }
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ExportFormatException(path, $"'{SafetensorsWriter.MetadataKey}' is a JSON {Describe(element.ValueKind)}, expected an object of strings.");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new ExportFormatException(path, $"metadata value '{property.Name}' is a JSON {Describe(property.Value.ValueKind)}, expected a string.");
            }

            if (!metadata.TryAdd(property.Name, property.Value.GetString()!))
            {
                throw new ExportFormatException(path, $"metadata key '{property.Name}' appears twice.");
            }
        }

        return metadata;
    }

    private static TensorEntry ParseEntry(string name, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ExportFormatException(path, $"header entry '{name}' is a JSON {Describe(element.ValueKind)}, expected an object with dtype, shape and data_offsets.");
        }

        if (!element.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new ExportFormatException(path, $"tensor '{name}' has no string 'dtype'.");
        }

        var dtypeName = dtypeElement.GetString();
        SafetensorsDtype dtype;
        if (dtypeName == "F32")
        {
            dtype = SafetensorsDtype.F32;
        }
        else if (dtypeName == "F64")
        {
            dtype = SafetensorsDtype.F64;
        }
        else
        {
            throw new ExportFormatException(path, $"tensor '{name}' has dtype '{dtypeName}', which GateLang does not read; convert it to F32 or F64.");
        }

        var shape = ReadIntegers(element, "shape", name, path);
        if (shape.Any(dimension => dimension > int.MaxValue))
        {
            throw new ExportFormatException(path, $"tensor '{name}' has a dimension larger than {int.MaxValue}.");
        }

        var offsets = ReadIntegers(element, "data_offsets", name, path);
        if (offsets.Length != 2 || offsets[0] > offsets[1])
        {
            throw new ExportFormatException(path, $"tensor '{name}' has data_offsets [{string.Join(", ", offsets)}], expected [begin, end] with begin <= end.");
        }

        long expectedBytes = SafetensorsTensor.ElementSize(dtype);
        try
        {
            foreach (var dimension in shape)
            {
                expectedBytes = checked(expectedBytes * dimension);
            }
        }
        catch (OverflowException)
        {
            throw new ExportFormatException(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}], too large to address.");
        }

        if (offsets[1] - offsets[0] != expectedBytes)
        {
            throw new ExportFormatException(
                path,
                $"tensor '{name}' has shape [{string.Join(", ", shape)}] of {dtypeName}, which needs {expectedBytes} bytes, but its data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}.");
        }

        return new TensorEntry(name, dtype, shape.Select(d => (int)d).ToArray(), offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(JsonElement element, string property, string name, string path)
    {
        if (!element.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new ExportFormatException(path, $"tensor '{name}' has no '{property}' array.");
        }

        var values = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var value) || value < 0)
            {
                throw new ExportFormatException(path, $"tensor '{name}' has '{property}' {array.GetRawText()}, expected non-negative integers.");
            }

            values.Add(value);
        }

        return values.ToArray();
    }

    /// <summary>Checks that the tensors' byte ranges tile the data section exactly, as the format requires.</summary>
    private static void CheckCoverage(List<TensorEntry> entries, long dataLength, string path)
    {
        long expectedBegin = 0;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != expectedBegin)
            {
                var problem = entry.Begin < expectedBegin ? "overlaps the tensor before it" : "leaves a gap after the tensor before it";
                throw new ExportFormatException(path, $"tensor '{entry.Name}' starts at data byte {entry.Begin}, expected {expectedBegin}: it {problem}.");
            }

            expectedBegin = entry.End;
        }

        if (expectedBegin > dataLength)
        {
            throw new ExportFormatException(path, $"the file is truncated: the header describes {expectedBegin} bytes of tensor data but only {dataLength} follow the header.");
        }

        if (expectedBegin < dataLength)
        {
            throw new ExportFormatException(path, $"the header describes {expectedBegin} bytes of tensor data but {dataLength} follow it; the file has {dataLength - expectedBegin} unexpected bytes at the end.");
        }
    }

    private static double[] DecodeValues(TensorEntry entry, ReadOnlySpan<byte> data)
    {
        var bytes = data[(int)entry.Begin..(int)entry.End];
        var size = SafetensorsTensor.ElementSize(entry.Dtype);
        var values = new double[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = entry.Dtype == SafetensorsDtype.F32
                ? BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..])
                : BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
        }

        return values;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private sealed record TensorEntry(string Name, SafetensorsDtype Dtype, int[] Shape, long Begin, long End);
}
