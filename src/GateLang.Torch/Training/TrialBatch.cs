using GateLang.Ir;
using GateLang.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace GateLang.Torch.Training;

/// <summary>
/// Trials of different delays padded to one length: one-hot inputs and target classes, with
/// the steps after each trial's end masked out of the loss.
/// </summary>
/// <remarks>
/// With B trials, L the longest trial (2S + T) and input width I = K + 2, <see cref="Inputs"/> is
/// [B, L, I] and <see cref="Targets"/> [B, L]. A shorter trial's padding steps get the blank
/// input and the target <see cref="IgnoreIndex"/>. The network is causal, so padding after a
/// trial's last step cannot change that trial's outputs; it only costs compute.
/// </remarks>
internal sealed class TrialBatch : IDisposable
{
    /// <summary>The target of padding steps, PyTorch's default <c>ignore_index</c> of <c>cross_entropy</c>.</summary>
    public const long IgnoreIndex = -100;

    private TrialBatch(IReadOnlyList<Trial> trials, Tensor inputs, Tensor targets, long steps, int length)
    {
        Trials = trials;
        Inputs = inputs;
        Targets = targets;
        Steps = steps;
        Length = length;
    }

    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>One-hot inputs [B, L, K + 2] in the network's dtype.</summary>
    public Tensor Inputs { get; }

    /// <summary>Target classes [B, L] (int64), <see cref="IgnoreIndex"/> on padding steps.</summary>
    public Tensor Targets { get; }

    /// <summary>Steps that are part of a trial, Σ (2S + T) over the batch.</summary>
    public long Steps { get; }

    /// <summary>L, the length of the longest trial.</summary>
    public int Length { get; }

    public static TrialBatch Create(IReadOnlyList<Trial> trials, TaskDefinition task, ScalarType dtype)
    {
        if (trials.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one trial.", nameof(trials));
        }

        var length = trials.Max(VdcmLayout.TrialLength);
        var inputIndices = new long[trials.Count * length];
        var targets = new long[trials.Count * length];
        Array.Fill(inputIndices, VdcmLayout.BlankInput(task.Symbols));
        Array.Fill(targets, IgnoreIndex);

        long steps = 0;
        var rowInputs = new int[length];
        var rowTargets = new int[length];
        for (var b = 0; b < trials.Count; b++)
        {
            var trial = trials[b];
            var trialLength = VdcmLayout.TrialLength(trial);
            VdcmLayout.Fill(trial, task.Symbols, rowInputs, rowTargets);
            for (var t = 0; t < trialLength; t++)
            {
                inputIndices[b * length + t] = rowInputs[t];
                targets[b * length + t] = rowTargets[t];
            }

            steps += trialLength;
        }

        long[] shape = [trials.Count, length];
        using var indices = tensor(inputIndices, shape);
        using var oneHot = nn.functional.one_hot(indices, task.InputSize);
        var inputs = oneHot.to(dtype);
        var targetTensor = tensor(targets, shape);
        return new TrialBatch(trials, inputs, targetTensor, steps, length);
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
