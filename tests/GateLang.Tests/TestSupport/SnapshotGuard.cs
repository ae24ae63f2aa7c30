using Snapshooter;
using Snapshooter.Xunit;

namespace GateLang.Tests.TestSupport;

/// <summary>
/// Snapshot matching that fails on CI when the snapshot file is missing, instead of letting
/// Snapshooter create it and pass.
/// </summary>
/// <remarks>
/// Snapshooter.Xunit 1.3.1 writes a missing snapshot and passes unless the environment
/// variable SNAPSHOOTER_STRICT_MODE is "on" or "true"; it does not look at CI. This guard makes
/// CI=true (or CI=1) enough.
/// </remarks>
public static class SnapshotGuard
{
    /// <summary>Matches <paramref name="value"/> against the snapshot <paramref name="name"/>, after <see cref="EnsureSnapshotExists"/>.</summary>
    public static void Match(object value, SnapshotFullName name)
    {
        EnsureSnapshotExists(name, Environment.GetEnvironmentVariable("CI"));
        Snapshot.Match(value, name);
    }

    /// <summary>Path of the snapshot file: the test file's folder, then <c>__snapshots__</c>, then the file name.</summary>
    public static string SnapshotPath(SnapshotFullName name) =>
        Path.Combine(name.FolderPath, "__snapshots__", name.Filename);

    /// <summary>
    /// Fails the test when <paramref name="ciValue"/> (the CI variable) is "true" or "1" and the
    /// snapshot file does not exist.
    /// </summary>
    public static void EnsureSnapshotExists(SnapshotFullName name, string? ciValue)
    {
        var isCi = string.Equals(ciValue, "true", StringComparison.OrdinalIgnoreCase) || ciValue == "1";
        var path = SnapshotPath(name);
        if (isCi && !File.Exists(path))
        {
            Assert.Fail(
                $"Snapshot {path} is missing and CI={ciValue}, so it is not created here. "
                + "Run the test locally without CI to create it, review it, and commit it.");
        }
    }
}
