namespace GateLang.Torch.Tests;

/// <summary>
/// Tests that seed TorchSharp's global generator or set its thread count. They run one at a
/// time, after the parallel tests, so that no other test changes that state between a seed and
/// the draws it is meant to fix.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchStateCollection
{
    public const string Name = "TorchSharp global state";
}
