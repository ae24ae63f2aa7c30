using GateLang.Export;
using GateLang.Tests.TestSupport;
using Snapshooter;
using Snapshooter.Xunit;

namespace GateLang.Tests.Export;

public sealed class WeightDumpSnapshotTests
{
    /// <summary>
    /// The full dump of the binary network (α = 10, β = 3, r = 3, erase gain 2), stored as one
    /// JSON string per line so that the snapshot file reads like the dump.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void BinaryNetworkDump(int length)
    {
        var dump = WeightDump.Format(BinaryCopyNetworks.Compile(length));

        Assert.EndsWith("\n", dump, StringComparison.Ordinal);
        var lines = dump[..^1].Split('\n');
        var name = Snapshot.FullName(new SnapshotNameExtension($"S{length}"));
        SnapshotGuard.Match(lines, name);

        // The guard looks for the file where Snapshooter keeps it.
        Assert.True(File.Exists(SnapshotGuard.SnapshotPath(name)), $"Snapshooter did not store {SnapshotGuard.SnapshotPath(name)}.");
    }
}
