using GateLang.Tests.TestSupport;
using Snapshooter;
using Xunit.Sdk;

namespace GateLang.Tests.Export;

public sealed class SnapshotGuardTests
{
    private static readonly SnapshotFullName Missing =
        new("SnapshotGuardTests.NoSuchTest.snap", Path.GetDirectoryName(ThisFile())!);

    private static readonly SnapshotFullName Existing =
        new("WeightDumpSnapshotTests.BinaryNetworkDump_S2.snap", Path.GetDirectoryName(ThisFile())!);

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void MissingSnapshotOnCiFails(string ci)
    {
        var failure = Assert.Throws<FailException>(() => SnapshotGuard.EnsureSnapshotExists(Missing, ci));

        Assert.Contains(SnapshotGuard.SnapshotPath(Missing), failure.Message, StringComparison.Ordinal);
        Assert.Contains("is missing", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    public void MissingSnapshotOffCiPasses(string? ci)
    {
        SnapshotGuard.EnsureSnapshotExists(Missing, ci);
    }

    [Fact]
    public void CommittedSnapshotOnCiPasses()
    {
        Assert.True(File.Exists(SnapshotGuard.SnapshotPath(Existing)), $"{SnapshotGuard.SnapshotPath(Existing)} should be committed.");

        SnapshotGuard.EnsureSnapshotExists(Existing, "true");
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
