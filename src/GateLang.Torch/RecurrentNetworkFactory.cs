using GateLang.Compilation;
using GateLang.Ir;
using GateLang.Lowering;
using GateLang.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace GateLang.Torch;

/// <summary>
/// Builds the trainable network of a <c>train</c> section and initialises it as the section specifies.
/// </summary>
public static class RecurrentNetworkFactory
{
    /// <summary>
    /// Builds a network for <paramref name="task"/> shaped and initialised by <paramref name="training"/>.
    /// </summary>
    /// <remarks>
    /// The global TorchSharp generator is seeded with the training seed first, so
    /// <see cref="Initialization.Default"/> and <see cref="Initialization.Orthogonal"/> are
    /// reproducible. Orthogonal initialisation then replaces each gate's d×d block of
    /// <c>weight_hh_l0</c> with a random orthogonal matrix. Synthetic initialisation loads
    /// <paramref name="compiled"/>'s weights and h0 and adds σ·N(0, 1) to every parameter (not
    /// to h0), drawn from <see cref="TrialRandom"/> seeded with
    /// <see cref="TrainingSeeds.Noise"/>, parameter by parameter in <c>state_dict</c> order and
    /// row-major within each; the sum is formed in double and then rounded to the network's dtype.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// Synthetic initialisation without a compiled GRU of the same sizes, or an invalid setting.
    /// </exception>
    public static RecurrentNetwork Create(TaskDefinition task, TrainingDefinition training, CompiledNetwork? compiled = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(training);
        TrainingDefinitionChecks.Validate(training, task);
        if (training.Initialization == Initialization.Synthetic)
        {
            CheckSynthetic(task, training, compiled);
        }

        TorchRuntime.EnsureLoaded();
        var dtype = training.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        torch.manual_seed(training.Seed);
        var network = new RecurrentNetwork(training.Architecture, task.InputSize, training.HiddenSize, task.OutputSize, dtype);
        if (dtype == ScalarType.Float64)
        {
            DrawDefaultInFloat64(network, training.Seed);
        }

        switch (training.Initialization)
        {
            case Initialization.Orthogonal:
                InitializeOrthogonal(network);
                break;
            case Initialization.Synthetic:
                network.LoadGruWeights(compiled!.Weights);
                AddNoise(network, training.NoiseSigma, TrainingSeeds.Noise(training.Seed));
                break;
        }

        return network;
    }

    /// <summary>Labels for a trained network's hidden units, inputs and outputs, as the compiler labels a synthetic one.</summary>
    internal static void Label(Model.GruWeights weights, TaskDefinition task, CompiledNetwork? compiled)
    {
        if (compiled is not null && compiled.Weights.HiddenSize == weights.HiddenSize)
        {
            weights.HiddenLabels = (string[])compiled.Weights.HiddenLabels.Clone();
        }

        for (var k = 0; k < task.Symbols; k++)
        {
            weights.InputLabels[k] = BinaryCopyLowering.SymbolName(k);
            weights.OutputLabels[k] = BinaryCopyLowering.SymbolName(k);
        }

        weights.InputLabels[VdcmLayout.BlankInput(task.Symbols)] = "blank";
        weights.InputLabels[VdcmLayout.DelimiterInput(task.Symbols)] = "delim";
        weights.OutputLabels[VdcmLayout.BlankClass(task.Symbols)] = "blank";
    }

    /// <summary>
    /// Draws the default initialisation again in float64, as PyTorch does for a module built with
    /// <c>dtype=torch.float64</c>: after <c>torch.manual_seed(seed)</c>, every cell parameter
    /// uniform in ±1/√d in <c>state_dict</c> order, then the readout weight with
    /// <c>kaiming_uniform_(a=√5)</c> and its bias uniform in ±1/√d, with the bounds computed as
    /// PyTorch computes them.
    /// </summary>
    /// <remarks>
    /// TorchSharp 0.107.0 builds a float64 module by drawing float32 values and widening them,
    /// which equals PyTorch's <c>nn.GRU(...).double()</c> but not <c>nn.GRU(..., dtype=torch.float64)</c>.
    /// </remarks>
    private static void DrawDefaultInFloat64(RecurrentNetwork network, int seed)
    {
        using var noGrad = no_grad();
        torch.manual_seed(seed);
        var cellBound = 1.0 / Math.Sqrt(network.HiddenSize);
        foreach (var (name, parameter) in network.named_parameters())
        {
            if (name.StartsWith(network.CellName + ".", StringComparison.Ordinal))
            {
                parameter.uniform_(-cellBound, cellBound);
            }
        }

        // torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5)), std = gain / sqrt(fan_in), bound = sqrt(3) * std.
        var fanIn = network.HiddenSize;
        var gain = Math.Sqrt(2.0 / (1 + Math.Pow(Math.Sqrt(5), 2)));
        var weightBound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        var biasBound = 1 / Math.Sqrt(fanIn);
        network.Readout.weight!.uniform_(-weightBound, weightBound);
        network.Readout.bias!.uniform_(-biasBound, biasBound);
    }

    private static void CheckSynthetic(TaskDefinition task, TrainingDefinition training, CompiledNetwork? compiled)
    {
        if (training.Architecture != Architecture.Gru)
        {
            throw new ArgumentException(
                $"init = synthetic needs arch = gru, because the compiled weights are a GRU's; this section has arch = {RecurrentNetwork.CellNameOf(training.Architecture)}.",
                nameof(training));
        }

        if (compiled is null)
        {
            throw new ArgumentException("init = synthetic needs the compiled network; pass the result of NetworkCompiler.Compile.", nameof(compiled));
        }

        var weights = compiled.Weights;
        if (weights.HiddenSize != training.HiddenSize)
        {
            throw new ArgumentException(
                $"init = synthetic needs hidden = {weights.HiddenSize}, the size of the compiled blocks; the section has hidden = {training.HiddenSize}.",
                nameof(training));
        }

        if (weights.InputSize != task.InputSize || weights.OutputSize != task.OutputSize)
        {
            throw new ArgumentException(
                $"The compiled network has {weights.InputSize} inputs and {weights.OutputSize} outputs; task '{task.Name}' needs {task.InputSize} and {task.OutputSize}.",
                nameof(compiled));
        }
    }

    /// <summary>
    /// Replaces each gate's d×d block of <c>weight_hh_l0</c> with a random orthogonal matrix, as
    /// Python's <c>torch.nn.init.orthogonal_</c> does: a Gaussian matrix A drawn in the block's
    /// dtype, A = QR, Q with each column multiplied by the sign of R's diagonal entry.
    /// </summary>
    /// <remarks>
    /// TorchSharp 0.107.0's <c>torch.nn.init.orthogonal_</c> is not used because on a float64 block
    /// its result was orthogonal only to about 1e-7 (max |Q Qᵀ − I|), as if A were drawn in float32.
    /// </remarks>
    private static void InitializeOrthogonal(RecurrentNetwork network)
    {
        using var noGrad = no_grad();
        var d = network.HiddenSize;
        var weight = network.RecurrentWeight;
        for (var gate = 0; gate < network.GateCount; gate++)
        {
            using var scope = NewDisposeScope();
            var gaussian = empty(d, d, dtype: network.Dtype).normal_(0, 1);
            var (q, r) = linalg.qr(gaussian);
            var signs = r.diag(0).sign();
            weight.narrow(0, gate * d, d).copy_(q.mul(signs));
        }
    }

    private static void AddNoise(RecurrentNetwork network, double sigma, long seed)
    {
        if (sigma == 0)
        {
            return;
        }

        var random = new TrialRandom(seed);
        foreach (var (_, parameter) in network.named_parameters())
        {
            var values = RecurrentNetwork.ReadValues(parameter);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] += sigma * random.NextGaussian();
            }

            RecurrentNetwork.WriteValues(parameter, values);
        }
    }
}

/// <summary>
/// The seeds of the random streams of a training run, all derived from the <c>train</c>
/// section's seed s so that one number names the run.
/// </summary>
/// <remarks>
/// The validation trials are not derived from s: they are the task's own trials,
/// <c>TrialGenerator(task, task.seed)</c>, the ones <c>gatelang eval --trials N</c> scores. The
/// training trials come from a stream of their own, so they are never the validation trials
/// in the same order, even when s equals the task's seed.
/// </remarks>
public static class TrainingSeeds
{
    /// <summary>Seed of the training trial stream: s XOR the ASCII bytes of "TRAINING".</summary>
    public static long TrainingTrials(int seed) => seed ^ 0x5452_4149_4E49_4E47L;

    /// <summary>Seed of the synthetic-initialisation noise: s XOR the ASCII bytes of "NOISE".</summary>
    public static long Noise(int seed) => seed ^ 0x4E_4F49_5345L;
}
