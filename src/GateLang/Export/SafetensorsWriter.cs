using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using GateLang.Compilation;
using GateLang.IO;

namespace GateLang.Export;

/// <summary>
/// Writes safetensors files: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// (padded with spaces so that N is a multiple of 8), then the tensors' little-endian bytes
/// back to back.
/// </summary>
/// <remarks>
/// The JSON header maps each tensor name to its <c>dtype</c>, <c>shape</c> and
/// <c>data_offsets</c> (begin and end, relative to the first data byte), and
/// <c>__metadata__</c> to a map of strings. Metadata keys are written in ordinal order and
/// tensors in the order given, so the same input always gives the same bytes.
/// </remarks>
public static class SafetensorsWriter
{
    /// <summary>The header key of the string metadata, which no tensor may use as its name.</summary>
    public const string MetadataKey = "__metadata__";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Spec text and labels stay readable in the header: only characters that JSON requires are escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/> in the gatelang-gru layout
    /// (see <see cref="NetworkExportFormat"/>), replacing any existing file atomically.
    /// </summary>
    /// <exception cref="IOException">The folder does not exist or the file cannot be written; no file is left behind.</exception>
    public static void WriteNetwork(string path, CompiledNetwork network, SpecSource spec, SafetensorsDtype dtype = SafetensorsDtype.F32)
    {
        var bytes = SerializeNetwork(network, spec, dtype);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Returns the bytes of the file that <see cref="WriteNetwork"/> writes.</summary>
    public static byte[] SerializeNetwork(CompiledNetwork network, SpecSource spec, SafetensorsDtype dtype = SafetensorsDtype.F32) =>
        Serialize(NetworkExportFormat.CreateTensors(network.Weights, dtype), NetworkExportFormat.CreateMetadata(network, spec));

    /// <summary>Writes any tensors and metadata to <paramref name="path"/>, replacing an existing file atomically.</summary>
    public static void Write(string path, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var bytes = Serialize(tensors, metadata);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Returns the safetensors bytes of <paramref name="tensors"/>, stored in the order given.</summary>
    public static byte[] Serialize(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            if (tensor.Name == MetadataKey)
            {
                throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor.", nameof(tensors));
            }

            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor name '{tensor.Name}' appears twice.", nameof(tensors));
            }
        }

        var header = SerializeHeader(tensors, metadata, out var dataLength);
        var paddedLength = (header.Length + 7) / 8 * 8;
        var bytes = new byte[8 + paddedLength + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)paddedLength);
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length, paddedLength - header.Length).Fill((byte)' ');

        var position = 8 + paddedLength;
        foreach (var tensor in tensors)
        {
            position += WriteValues(tensor, bytes.AsSpan(position));
        }

        return bytes;
    }

    private static byte[] SerializeHeader(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata, out long dataLength)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonOptions.Encoder }))
        {
            json.WriteStartObject();
            if (metadata.Count > 0)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var key in metadata.Keys.Order(StringComparer.Ordinal))
                {
                    json.WriteString(key, metadata[key]);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in tensors)
            {
                var length = (long)tensor.Values.Length * SafetensorsTensor.ElementSize(tensor.Dtype);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.Dtype.ToString());
                json.WriteStartArray("shape");
                foreach (var dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }

            json.WriteEndObject();
            dataLength = offset;
        }

        return buffer.ToArray();
    }

    private static int WriteValues(SafetensorsTensor tensor, Span<byte> destination)
    {
        var values = tensor.Values;
        if (tensor.Dtype == SafetensorsDtype.F32)
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], (float)values[i]);
            }

            return 4 * values.Length;
        }

        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(destination[(8 * i)..], values[i]);
        }

        return 8 * values.Length;
    }
}

/// <summary>The spec a network was compiled from, stored in the export's metadata.</summary>
/// <param name="File">The spec's path as the caller names it, stored as <c>spec_file</c>.</param>
/// <param name="Text">The full source text, stored as <c>spec</c>.</param>
public sealed record SpecSource(string File, string Text);
