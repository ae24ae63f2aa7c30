using GateLang.IO;
using GateLang.Export;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Export;

public sealed class AtomicWriteTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SuccessLeavesOnlyTargetFile()
    {
        var path = _directory.File("copy.safetensors");

        SafetensorsWriter.WriteNetwork(path, BinaryCopyNetworks.Compile(2), new SpecSource("copy.gate", "x"));

        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void OverwriteReplacesExistingFile()
    {
        var path = _directory.File("copy.safetensors");
        File.WriteAllText(path, "old contents");

        SafetensorsWriter.WriteNetwork(path, BinaryCopyNetworks.Compile(2), new SpecSource("copy.gate", "x"));

        Assert.Equal(2, SafetensorsReader.ReadNetwork(path).Task.Length);
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void FailureMidWriteKeepsOldFile()
    {
        var path = _directory.File("copy.safetensors");
        File.WriteAllText(path, "old contents");

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", error.Message);
        Assert.Equal("old contents", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void FailureMidWriteLeavesNoNewFile()
    {
        var path = _directory.File("new.safetensors");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new InvalidOperationException("simulated");
        }));

        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void MissingFolderThrowsAndCreatesNothing()
    {
        var path = Path.Combine(_directory.Path, "no-such-folder", "copy.safetensors");

        Assert.Throws<DirectoryNotFoundException>(() =>
            SafetensorsWriter.WriteNetwork(path, BinaryCopyNetworks.Compile(2), new SpecSource("copy.gate", "x")));

        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void TargetThatIsFolderLeavesNoTemporaryFile()
    {
        var path = _directory.File("taken");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() =>
            SafetensorsWriter.WriteNetwork(path, BinaryCopyNetworks.Compile(2), new SpecSource("copy.gate", "x")));

        Assert.Empty(Directory.GetFiles(_directory.Path));
        Assert.True(Directory.Exists(path));
    }
}
