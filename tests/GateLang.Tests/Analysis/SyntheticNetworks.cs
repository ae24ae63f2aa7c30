using GateLang.Analysis;
using GateLang.Ir;
using GateLang.Tasks;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Analysis;

/// <summary>
/// The compiled K = 2 networks the analysis tests run on, with short delays to keep them fast,
/// and the block layout they share: mem[0 … S−1], clk[0 … S], sw.
/// </summary>
internal static class SyntheticNetworks
{
    public static AnalysisSubject Subject(int length, int delayMin = 5, int delayMax = 12) =>
        AnalysisSubject.FromCompiled(BinaryCopyNetworks.Compile(length, delayMin, delayMax), "test");

    public static Recording Record(AnalysisSubject subject, int trials, long seed = 7, RecordingOptions? options = null) =>
        NetworkRecorder.Record(subject.Weights, subject.Task, new TrialGenerator(subject.Task, seed).Take(trials), options);

    public static NeuronBlock Block(AnalysisSubject subject, string kind) =>
        subject.Blocks.Single(b => b.Kind == kind);

    public static int[] Neurons(NeuronBlock block) => Enumerable.Range(block.Offset, block.Size).ToArray();

    public static int Memory(AnalysisSubject subject, int index) => Block(subject, "memory").Offset + index;

    public static BlockKind KindOf(AnalysisSubject subject, int neuron) =>
        Enum.Parse<BlockKind>(subject.Blocks.Single(b => b.Contains(neuron)).Kind, ignoreCase: true);
}
