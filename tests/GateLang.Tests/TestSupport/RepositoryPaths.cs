namespace GateLang.Tests.TestSupport;

/// <summary>Locations in the source tree, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that contains GateLang.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GateLang.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains GateLang.sln.");
    }
}
