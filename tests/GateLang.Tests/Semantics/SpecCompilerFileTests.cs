using GateLang.Semantics;

namespace GateLang.Tests.Semantics;

public sealed class SpecCompilerFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gatelang-frontend-{Guid.NewGuid():N}");

    public SpecCompilerFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Check_ReadsFileAndUsesPathInLocations()
    {
        var path = Path.Combine(_directory, "copy.gate");
        File.WriteAllText(path, DiagnosticCases.ValidSpec.Replace("ratio = 3", "ratio = 1", StringComparison.Ordinal));

        var result = SpecCompiler.Check(path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith($"{path}(8,36): error GL0044: ", diagnostic.ToString(), StringComparison.Ordinal);
        Assert.Contains("ratio = 1", result.SourceText, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AcceptsByteOrderMark()
    {
        var path = Path.Combine(_directory, "bom.gate");
        File.WriteAllText(path, DiagnosticCases.ValidSpec, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = SpecCompiler.Check(path);

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.Networks);
    }

    [Fact]
    public void Check_InvalidUtf8_IsUnreadable()
    {
        var path = Path.Combine(_directory, "latin1.gate");
        File.WriteAllBytes(path, [(byte)'t', 0xE9, (byte)'\n']);

        var result = SpecCompiler.Check(path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GL0002", diagnostic.Code);
        Assert.Equal($"spec file '{path}' could not be read: it is not valid UTF-8; check that it is a readable UTF-8 text file", diagnostic.Message);
        Assert.Equal("", result.SourceText);
    }

    [Fact]
    public void Check_OversizedFile_RefusedBeforeReading()
    {
        var path = Path.Combine(_directory, "huge.gate");
        var length = 3L * CompilerLimits.MaxSourceLength + 1;
        using (var stream = File.Create(path))
        {
            // A sparse file: the size is set without writing the bytes.
            stream.SetLength(length);
        }

        var result = SpecCompiler.Check(path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GL0003", diagnostic.Code);
        Assert.Equal(
            $"spec '{path}' is too large: {length} bytes, above the limit of 4194304 characters (CompilerLimits.MaxSourceLength); split it into several files",
            diagnostic.Message);
    }

    [Fact]
    public void Check_MissingFile_LocationIsThePath()
    {
        var path = Path.Combine(_directory, "none.gate");

        var result = SpecCompiler.Check(path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            $"{path}: error GL0001: spec file '{path}' was not found (full path '{path}'); check the path and the current directory",
            diagnostic.ToString());
        Assert.True(result.HasErrors);
    }
}
