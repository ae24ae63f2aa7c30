namespace GateLang.Model;

/// <summary>
/// The parameters of a one-layer <c>torch.nn.GRU</c> with a linear readout, plus the initial state.
/// </summary>
/// <remarks>
/// Shapes and gate order follow PyTorch: with hidden size d, input size I and O output classes,
/// <c>WeightIh</c> is 3d x I and <c>WeightHh</c> is 3d x d, their row blocks in the order
/// reset gate r, update gate z, candidate n. The step is
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h, and the logits are
/// y = V h' + c.
/// </remarks>
public sealed class GruWeights
{
    public GruWeights(int inputSize, int hiddenSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
        WeightIh = new Matrix(3 * hiddenSize, inputSize);
        WeightHh = new Matrix(3 * hiddenSize, hiddenSize);
        BiasIh = new double[3 * hiddenSize];
        BiasHh = new double[3 * hiddenSize];
        ReadoutWeight = new Matrix(outputSize, hiddenSize);
        ReadoutBias = new double[outputSize];
        InitialState = new double[hiddenSize];
        HiddenLabels = Enumerable.Range(0, hiddenSize).Select(i => $"h{i}").ToArray();
        InputLabels = Enumerable.Range(0, inputSize).Select(i => $"x{i}").ToArray();
        OutputLabels = Enumerable.Range(0, outputSize).Select(i => $"y{i}").ToArray();
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    /// <summary><c>weight_ih_l0</c>: 3d x I, row blocks r, z, n.</summary>
    public Matrix WeightIh { get; }

    /// <summary><c>weight_hh_l0</c>: 3d x d, row blocks r, z, n.</summary>
    public Matrix WeightHh { get; }

    /// <summary><c>bias_ih_l0</c>: 3d, blocks r, z, n. Its n block is added outside the reset gate.</summary>
    public double[] BiasIh { get; }

    /// <summary><c>bias_hh_l0</c>: 3d, blocks r, z, n. Its n block is multiplied by the reset gate.</summary>
    public double[] BiasHh { get; }

    /// <summary>The readout matrix V: O x d.</summary>
    public Matrix ReadoutWeight { get; }

    /// <summary>The readout bias c: O.</summary>
    public double[] ReadoutBias { get; }

    /// <summary>The hidden state before the first step, h0: d.</summary>
    public double[] InitialState { get; }

    /// <summary>One label per hidden neuron, such as <c>mem[3]</c>, used in dumps and reports.</summary>
    public string[] HiddenLabels { get; set; }

    /// <summary>One label per input column, such as <c>blank</c>.</summary>
    public string[] InputLabels { get; set; }

    /// <summary>One label per output class.</summary>
    public string[] OutputLabels { get; set; }

    /// <summary>Offset of gate <paramref name="gate"/>'s row block in the stacked matrices and biases.</summary>
    public int GateOffset(Gate gate) => (int)gate * HiddenSize;
}

/// <summary>The three row blocks of a GRU's stacked parameters, in PyTorch's order.</summary>
public enum Gate
{
    /// <summary>The reset gate r.</summary>
    Reset = 0,

    /// <summary>The update gate z.</summary>
    Update = 1,

    /// <summary>The candidate state n.</summary>
    Candidate = 2,
}
