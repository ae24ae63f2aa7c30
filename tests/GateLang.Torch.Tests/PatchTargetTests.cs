using System.Diagnostics;
using System.Reflection;

namespace GateLang.Torch.Tests;

/// <summary>
/// Runs GateLang.Torch.targets through MSBuild on a minimal project whose
/// CopyFilesToOutputDirectory copies a fake package's libLibTorchSharp.so the way
/// the .NET SDK copies copy-local native assets.
/// </summary>
public sealed class PatchTargetTests : IDisposable
{
    private const string ProjectTemplate = """
        <Project>
          <PropertyGroup>
            <OutDir>$(MSBuildThisFileDirectory)bin/</OutDir>
            <NuGetPackageRoot>$(MSBuildThisFileDirectory)packages/</NuGetPackageRoot>
          </PropertyGroup>
          <ItemGroup>
            <ReferenceCopyLocalPaths Include="$(NuGetPackageRoot)torchsharp/runtimes/linux-x64/native/libLibTorchSharp.so"
                                     DestinationSubDirectory="runtimes/linux-x64/native/" />
          </ItemGroup>
          <Import Project="TARGETS" />
          <Target Name="CopyFilesToOutputDirectory">
            <Copy SourceFiles="@(ReferenceCopyLocalPaths)"
                  DestinationFiles="@(ReferenceCopyLocalPaths->'$(OutDir)%(DestinationSubDirectory)%(Filename)%(Extension)')"
                  SkipUnchangedFiles="true" />
          </Target>
        </Project>
        """;

    private readonly LibraryFixture _fixture = new();
    private readonly string _projectPath;
    private readonly string _packageFile;
    private readonly string _outputFile;

    public PatchTargetTests()
    {
        string targets = typeof(PatchTargetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "GateLangTorchTargets").Value!;
        _projectPath = Path.Combine(_fixture.Directory, "fixture.proj");
        File.WriteAllText(_projectPath, ProjectTemplate.Replace("TARGETS", targets, StringComparison.Ordinal));

        string packageNative = Directory.CreateDirectory(Path.Combine(_fixture.Directory, "packages", "torchsharp", "runtimes", "linux-x64", "native")).FullName;
        _packageFile = Path.Combine(packageNative, "libLibTorchSharp.so");
        File.Move(_fixture.LibraryPath, _packageFile);
        _outputFile = Path.Combine(_fixture.Directory, "bin", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    public void Dispose() => _fixture.Dispose();

    [LinuxFact]
    public void TargetPatchesOutputOnceAndLeavesPackage()
    {
        var packageBytes = File.ReadAllBytes(_packageFile);

        string firstLog = RunMSBuild("always");
        var firstBytes = File.ReadAllBytes(_outputFile);
        string secondLog = RunMSBuild("always");

        Assert.Contains($"GateLang.Torch: Marked {LibraryFixture.Version} weak in {_outputFile}", firstLog);
        Assert.True(LibraryFixture.FindNeed(_outputFile, LibraryFixture.Version).IsWeak);
        Assert.Contains($"GateLang.Torch: {_outputFile} already marks {LibraryFixture.Version} weak, so it was left unchanged", secondLog);
        Assert.Equal(firstBytes, File.ReadAllBytes(_outputFile));
        Assert.Equal(packageBytes, File.ReadAllBytes(_packageFile));
    }

    [LinuxFact]
    public void TargetDoesNothingWhenTurnedOff()
    {
        string log = RunMSBuild("never");

        Assert.DoesNotContain("GateLang.Torch:", log);
        Assert.False(LibraryFixture.FindNeed(_outputFile, LibraryFixture.Version).IsWeak);
    }

    private string RunMSBuild(string mode)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _fixture.Directory,
        };
        foreach (var argument in new[] { "msbuild", _projectPath, "-t:CopyFilesToOutputDirectory", $"-p:GateLangTorchPatchLibTorchSharp={mode}", "-v:n", "-nologo", "-nodeReuse:false" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string log = output + errorTask.Result;
        Assert.True(process.ExitCode == 0, $"MSBuild exited with {process.ExitCode}:\n{log}");
        return log;
    }
}
