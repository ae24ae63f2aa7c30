using GateLang.Ir;
using GateLang.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GateLang.Torch;

/// <summary>
/// A one-layer recurrent network (<c>torch.nn.GRU</c>, <c>LSTM</c> or <c>RNN</c> with tanh,
/// batch first) followed by a linear readout, with the initial state as a buffer.
/// </summary>
/// <remarks>
/// With batch B, T steps, input size I, hidden size d and O output classes, the input is
/// [B, T, I], <see cref="HiddenStates"/> returns [B, T, d] and <see cref="forward"/> returns the
/// logits [B, T, O]. The <c>state_dict</c> keys are PyTorch's: for a GRU
/// <c>gru.weight_ih_l0</c> [3d, I], <c>gru.weight_hh_l0</c> [3d, d], <c>gru.bias_ih_l0</c> [3d],
/// <c>gru.bias_hh_l0</c> [3d], <c>readout.weight</c> [O, d], <c>readout.bias</c> [O] and the
/// buffer <c>h0</c> [d]. An LSTM uses the prefix <c>lstm.</c>, 4d gate rows (i, f, g, o) and a
/// second buffer <c>c0</c>; an RNN uses <c>rnn.</c> and d rows. The buffers are not trained.
/// </remarks>
public sealed class RecurrentNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>The name of the initial hidden state buffer.</summary>
    public const string InitialStateName = "h0";

    /// <summary>The name of the LSTM's initial cell state buffer.</summary>
    public const string InitialCellName = "c0";

    /// <summary>The name of the readout module.</summary>
    public const string ReadoutName = "readout";

    private readonly GRU? _gru;
    private readonly LSTM? _lstm;
    private readonly RNN? _rnn;
    private readonly Linear _readout;
    private readonly Tensor _initialState;
    private readonly Tensor? _initialCell;

    /// <summary>
    /// Builds the network with TorchSharp's default initialisation, which follows PyTorch's:
    /// every recurrent weight and bias uniform in ±1/√d, the readout as <c>torch.nn.Linear</c>.
    /// The draws come from the global generator, the cell's before the readout's.
    /// </summary>
    /// <remarks>
    /// In float32 the values equal those of a PyTorch script that seeds the generator and builds
    /// the cell and then the readout (PyTorchInitTests, against PyTorch 1.13.1). In float64
    /// TorchSharp widens float32 draws; <see cref="RecurrentNetworkFactory.Create"/> draws them
    /// again as PyTorch does.
    /// </remarks>
    public RecurrentNetwork(Architecture architecture, int inputSize, int hiddenSize, int outputSize, ScalarType dtype)
        : base(nameof(RecurrentNetwork))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
        {
            throw new ArgumentException($"dtype {dtype} is not supported; use Float32 or Float64.", nameof(dtype));
        }

        Architecture = architecture;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        OutputSize = outputSize;
        Dtype = dtype;

        switch (architecture)
        {
            case Architecture.Gru:
                _gru = nn.GRU(inputSize, hiddenSize, numLayers: 1, bias: true, batchFirst: true, dtype: dtype);
                register_module(CellName, _gru);
                break;
            case Architecture.Lstm:
                _lstm = nn.LSTM(inputSize, hiddenSize, numLayers: 1, bias: true, batchFirst: true, dtype: dtype);
                register_module(CellName, _lstm);
                break;
            case Architecture.Rnn:
                _rnn = nn.RNN(inputSize, hiddenSize, numLayers: 1, nonLinearity: nn.NonLinearities.Tanh, bias: true, batchFirst: true, dtype: dtype);
                register_module(CellName, _rnn);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture.");
        }

        _readout = nn.Linear(hiddenSize, outputSize, hasBias: true, dtype: dtype);
        register_module(ReadoutName, _readout);

        _initialState = zeros(hiddenSize, dtype: dtype);
        register_buffer(InitialStateName, _initialState);
        if (architecture == Architecture.Lstm)
        {
            _initialCell = zeros(hiddenSize, dtype: dtype);
            register_buffer(InitialCellName, _initialCell);
        }
    }

    public Architecture Architecture { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int OutputSize { get; }

    /// <summary><c>Float32</c> or <c>Float64</c>, for every parameter and buffer.</summary>
    public ScalarType Dtype { get; }

    /// <summary>The prefix of the cell's parameters: <c>gru</c>, <c>lstm</c> or <c>rnn</c>.</summary>
    public string CellName => CellNameOf(Architecture);

    /// <summary>Row blocks of the stacked cell weights: 3 for a GRU (r, z, n), 4 for an LSTM (i, f, g, o), 1 for an RNN.</summary>
    public int GateCount => GateCountOf(Architecture);

    /// <summary>The initial hidden state h0 [d].</summary>
    public Tensor InitialState => _initialState;

    /// <summary>The LSTM's initial cell state c0 [d]; null for the other architectures.</summary>
    public Tensor? InitialCell => _initialCell;

    /// <summary>The readout y = V h + c.</summary>
    public Linear Readout => _readout;

    /// <summary>The stacked recurrent weight of the cell, <c>weight_hh_l0</c> [gates·d, d].</summary>
    public Parameter RecurrentWeight => CellParameter("weight_hh_l0");

    /// <summary>The stacked input weight of the cell, <c>weight_ih_l0</c> [gates·d, I].</summary>
    public Parameter InputWeight => CellParameter("weight_ih_l0");

    public Parameter InputBias => CellParameter("bias_ih_l0");

    public Parameter RecurrentBias => CellParameter("bias_hh_l0");

    public static string CellNameOf(Architecture architecture) => architecture switch
    {
        Architecture.Gru => "gru",
        Architecture.Lstm => "lstm",
        Architecture.Rnn => "rnn",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
    };

    public static int GateCountOf(Architecture architecture) => architecture switch
    {
        Architecture.Gru => 3,
        Architecture.Lstm => 4,
        Architecture.Rnn => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown architecture."),
    };

    /// <summary>Runs the cell over <paramref name="input"/> [B, T, I] from the initial state and returns every hidden state [B, T, d].</summary>
    public Tensor HiddenStates(Tensor input)
    {
        if (input.dim() != 3 || input.shape[2] != InputSize)
        {
            throw new ArgumentException($"Input has shape [{string.Join(", ", input.shape)}], expected [batch, steps, {InputSize}].", nameof(input));
        }

        var batch = input.shape[0];
        using var h0 = _initialState.expand(1, batch, HiddenSize).contiguous();
        if (_gru is not null)
        {
            var (output, last) = _gru.call(input, h0);
            last.Dispose();
            return output;
        }

        if (_lstm is not null)
        {
            using var c0 = _initialCell!.expand(1, batch, HiddenSize).contiguous();
            var (output, lastHidden, lastCell) = _lstm.call(input, (h0, c0));
            lastHidden.Dispose();
            lastCell.Dispose();
            return output;
        }

        var (rnnOutput, rnnLast) = _rnn!.call(input, h0);
        rnnLast.Dispose();
        return rnnOutput;
    }

    /// <summary>Returns the logits [B, T, O] for <paramref name="input"/> [B, T, I].</summary>
    public override Tensor forward(Tensor input)
    {
        using var hidden = HiddenStates(input);
        return _readout.call(hidden);
    }

    /// <summary>Builds a GRU holding <paramref name="weights"/>, for running compiled or exported weights in TorchSharp.</summary>
    public static RecurrentNetwork FromGruWeights(GruWeights weights, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var network = new RecurrentNetwork(Architecture.Gru, weights.InputSize, weights.HiddenSize, weights.OutputSize, dtype);
        network.LoadGruWeights(weights);
        return network;
    }

    /// <summary>Copies the parameters and h0 into GateLang's weight layout, widening float32 values exactly to double.</summary>
    /// <exception cref="InvalidOperationException">The network is not a GRU.</exception>
    public GruWeights ToGruWeights()
    {
        RequireGru("converted to GateLang's GRU weights");
        var weights = new GruWeights(InputSize, HiddenSize, OutputSize);
        ReadValues(InputWeight).CopyTo(weights.WeightIh.Data, 0);
        ReadValues(RecurrentWeight).CopyTo(weights.WeightHh.Data, 0);
        ReadValues(InputBias).CopyTo(weights.BiasIh, 0);
        ReadValues(RecurrentBias).CopyTo(weights.BiasHh, 0);
        ReadValues(_readout.weight!).CopyTo(weights.ReadoutWeight.Data, 0);
        ReadValues(_readout.bias!).CopyTo(weights.ReadoutBias, 0);
        ReadValues(_initialState).CopyTo(weights.InitialState, 0);
        return weights;
    }

    /// <summary>
    /// Overwrites the parameters and h0 with <paramref name="weights"/>, rounding to float32 to
    /// nearest when the network is float32.
    /// </summary>
    /// <exception cref="InvalidOperationException">The network is not a GRU.</exception>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public void LoadGruWeights(GruWeights weights)
    {
        RequireGru("loaded from GateLang's GRU weights");
        if (weights.InputSize != InputSize || weights.HiddenSize != HiddenSize || weights.OutputSize != OutputSize)
        {
            throw new ArgumentException(
                $"The weights have input, hidden and output sizes {weights.InputSize}, {weights.HiddenSize}, {weights.OutputSize}; the network has {InputSize}, {HiddenSize}, {OutputSize}.",
                nameof(weights));
        }

        WriteValues(InputWeight, weights.WeightIh.Data);
        WriteValues(RecurrentWeight, weights.WeightHh.Data);
        WriteValues(InputBias, weights.BiasIh);
        WriteValues(RecurrentBias, weights.BiasHh);
        WriteValues(_readout.weight!, weights.ReadoutWeight.Data);
        WriteValues(_readout.bias!, weights.ReadoutBias);
        WriteValues(_initialState, weights.InitialState);
    }

    /// <summary>Returns the values of <paramref name="tensor"/> in row-major order as doubles.</summary>
    public static double[] ReadValues(Tensor tensor)
    {
        using var contiguous = tensor.detach().contiguous();
        return contiguous.dtype switch
        {
            ScalarType.Float32 => Array.ConvertAll(contiguous.data<float>().ToArray(), value => (double)value),
            ScalarType.Float64 => contiguous.data<double>().ToArray(),
            _ => throw new ArgumentException($"Tensor dtype {contiguous.dtype} is not supported; expected Float32 or Float64.", nameof(tensor)),
        };
    }

    /// <summary>Copies <paramref name="values"/> (row-major) into <paramref name="target"/> in place, outside autograd.</summary>
    public static void WriteValues(Tensor target, double[] values)
    {
        if (values.Length != target.numel())
        {
            throw new ArgumentException($"{values.Length} values were given for a tensor of shape [{string.Join(", ", target.shape)}].", nameof(values));
        }

        using var noGrad = no_grad();
        using var source = tensor(values, target.shape, dtype: ScalarType.Float64);
        target.copy_(source);
    }

    private Parameter CellParameter(string name)
    {
        nn.Module cell = (nn.Module?)_gru ?? (nn.Module?)_lstm ?? _rnn!;
        foreach (var (parameterName, parameter) in cell.named_parameters())
        {
            if (parameterName == name)
            {
                return parameter;
            }
        }

        throw new InvalidOperationException($"The {CellName} module has no parameter '{name}'.");
    }

    private void RequireGru(string action)
    {
        if (Architecture != Architecture.Gru)
        {
            throw new InvalidOperationException($"Only a GRU network can be {action}; this network is an {CellName.ToUpperInvariant()}.");
        }
    }
}
