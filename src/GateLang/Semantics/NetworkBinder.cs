using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// A network after binding its statements, before the checks that look at the whole network.
/// <see cref="Alpha"/> and <see cref="Beta"/> are the network's values after defaults, or
/// null when their setting has an error.
/// </summary>
internal sealed record BoundNetwork(
    NetworkSyntax Syntax,
    BoundTask? Task,
    IReadOnlyList<BoundBlock> Blocks,
    ReadoutSyntax? Readout,
    double? Alpha,
    double? Beta,
    SettingSet Settings)
{
    public string Name => Syntax.Name.Text;

    /// <summary>The train section, or null when the network has none.</summary>
    public TrainSyntax? Train { get; init; }

    /// <summary>The bound train section, or null when there is none or it has an error.</summary>
    public TrainingDefinition? Training { get; init; }

    /// <summary>Each block's resolved references to inputs and other blocks, by block name.</summary>
    public IReadOnlyDictionary<string, BlockWiring> Wiring { get; init; } = new Dictionary<string, BlockWiring>();

    /// <summary>The <c>override</c> statements in source order.</summary>
    public IReadOnlyList<OverrideSyntax> OverrideSyntaxes { get; init; } = [];

    /// <summary>The value of every expression in the overrides (values and indices); null after an error.</summary>
    public IReadOnlyDictionary<ExpressionSyntax, double?> OverrideValues { get; init; } = new Dictionary<ExpressionSyntax, double?>();

    /// <summary>The bound overrides, or empty when one has an error.</summary>
    public IReadOnlyList<WeightOverride> Overrides { get; init; } = [];

    /// <summary>A network with a train section and no blocks: it is only trained, never compiled.</summary>
    public bool IsTrainOnly => Blocks.Count == 0 && Train is not null;

    /// <summary>The task's sequence length S, or null when the task is missing or S is invalid.</summary>
    public double? SequenceLength => TaskField(SettingCatalog.Length)?.Value;

    /// <summary>The task's symbol count K, or null when the task is missing or K is invalid.</summary>
    public double? SymbolCount => TaskField(SettingCatalog.Symbols)?.Value;

    private NamedValue? TaskField(string name) => Task?.Fields.First(field => field.Name == name);
}

/// <summary>
/// Binds a network: resolves its task, evaluates its settings, lets and blocks in source
/// order, runs the whole-network checks of <see cref="NetworkRules"/>, and builds the
/// <see cref="NetworkDefinition"/> with block offsets and expanded initial states.
/// </summary>
/// <remarks>
/// Expressions in a network see the task's K, S, T and seed, the network's alpha and beta,
/// and the lets above them. alpha and beta have their defaults everywhere when the network
/// does not set them. Inside a block, alpha and beta still mean the network's values.
/// </remarks>
internal sealed class NetworkBinder(
    DiagnosticBag diagnostics,
    IReadOnlyDictionary<string, BoundTask> tasks,
    IReadOnlySet<string> networkNames)
{
    public const double DefaultAlpha = 10;
    public const double DefaultBeta = 3;

    private static readonly string[] TaskFieldNames =
        [SettingCatalog.Symbols, SettingCatalog.Length, SettingCatalog.Delay, SettingCatalog.Seed];

    public NetworkDefinition? Bind(NetworkSyntax network)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var bound = BindStatements(network);

        var rules = new NetworkRules(diagnostics);
        rules.Check(bound);

        if (diagnostics.ErrorCount != errorsBefore || bound.Task?.Definition is not { } task)
        {
            return null;
        }

        bound = bound with { Overrides = new OverrideBinder(diagnostics, bound).Bind() };
        if (diagnostics.ErrorCount != errorsBefore)
        {
            return null;
        }

        var definition = BuildDefinition(bound, task);
        new DesignChecks(diagnostics).Check(bound, definition);
        return definition;
    }

    private BoundNetwork BindStatements(NetworkSyntax network)
    {
        var owner = $"network '{network.Name.Text}'";
        var task = ResolveTask(network);
        var scope = CreateScope(network, task);
        var evaluator = new ExpressionEvaluator(scope, diagnostics);
        var reader = new SettingValueReader(evaluator, diagnostics);
        var settings = new SettingSet(SettingTarget.Network, owner, diagnostics);
        var blockBinder = new BlockBinder(diagnostics);

        var blocks = new List<BoundBlock>();
        var overrides = new List<OverrideSyntax>();
        var lets = new List<(LetSyntax Syntax, NamedValue Value)>();
        ReadoutSyntax? readout = null;
        TrainSyntax? train = null;
        double? alpha = DefaultAlpha;
        double? beta = DefaultBeta;

        foreach (var member in network.Members)
        {
            switch (member)
            {
                case SettingSyntax setting:
                    if (!settings.TryAccept(setting))
                    {
                        break;
                    }

                    // alpha and beta are the only network settings.
                    var value = reader.ReadNumber(setting);
                    var key = setting.Key.CanonicalText;
                    scope.Define(NamedValue.Number(key, NamedValueKind.NetworkSetting, setting.Key.Location, value));
                    if (key == SettingCatalog.Alpha)
                    {
                        alpha = value;
                    }
                    else
                    {
                        beta = value;
                    }

                    break;

                case LetSyntax let:
                    if (BindLet(let, lets, evaluator) is { } letValue)
                    {
                        scope.Define(letValue);
                        lets.Add((let, letValue));
                    }

                    break;

                case BlockSyntax block:
                    var boundBlock = blockBinder.Bind(block, scope);
                    if (blocks.Find(b => b.Name == block.Name.Text) is { } earlier)
                    {
                        var location = earlier.Syntax.Name.Location;
                        diagnostics.Report(
                            DiagnosticCatalog.DuplicateBlock, block.Name.Location, block.Name.Text, location.Line, location.Column, network.Name.Text);
                    }
                    else
                    {
                        blocks.Add(boundBlock);
                    }

                    break;

                case ReadoutSyntax readoutSyntax when readout is not null:
                    diagnostics.Report(
                        DiagnosticCatalog.DuplicateSetting, readoutSyntax.Location, "readout", readout.Location.Line, readout.Location.Column, owner);
                    break;

                case ReadoutSyntax readoutSyntax:
                    readout = readoutSyntax;
                    break;

                case TrainSyntax trainSyntax when train is not null:
                    diagnostics.Report(
                        DiagnosticCatalog.DuplicateSetting, trainSyntax.Location, "train", train.Location.Line, train.Location.Column, owner);
                    break;

                case TrainSyntax trainSyntax:
                    train = trainSyntax;
                    break;

                case OverrideSyntax overrideSyntax:
                    overrides.Add(overrideSyntax);
                    break;
            }
        }

        // References between blocks are resolved once every block is known, because a block
        // may name one declared further down. A shift register's size follows from its source.
        var partial = new BoundNetwork(network, task, blocks, readout, alpha, beta, settings);
        var wiringBinder = new BlockWiringBinder(diagnostics, partial);
        var wiring = new Dictionary<string, BlockWiring>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            wiring[block.Name] = wiringBinder.Bind(block);
        }

        blocks = blocks.Select(block => WithDerivedSize(block, wiring[block.Name], partial)).ToList();

        // The train section is bound last, so its default hidden size can be the total size of
        // blocks declared after it.
        TrainingDefinition? training = null;
        if (train is not null)
        {
            var blockSizes = blocks.Select(block => block.Size).ToList();
            int? blockHiddenSize = blocks.Count == 0 || blockSizes.Any(size => size is null) ? null : (int)blockSizes.Sum(size => size!.Value);
            var taskSeed = task?.Definition?.Seed ?? 1;
            training = new TrainBinder(diagnostics, reader).Bind(train, network.Name.Text, blockHiddenSize, taskSeed);
        }

        // Override values may use the lets, so they are evaluated before unused lets are reported.
        var overrideValues = OverrideBinder.EvaluateExpressions(overrides, new ExpressionEvaluator(scope, diagnostics));

        foreach (var (let, value) in lets.Where(entry => !entry.Value.IsUsed))
        {
            diagnostics.Report(DiagnosticCatalog.UnusedLet, let.Name.Location, let.Name.Text);
        }

        return new BoundNetwork(network, task, blocks, readout, alpha, beta, settings)
        {
            Train = train,
            Training = training,
            Wiring = wiring,
            OverrideSyntaxes = overrides,
            OverrideValues = overrideValues,
        };
    }

    /// <summary>
    /// Returns <paramref name="block"/> with its size when the kind fixes it: (S + 1)(b + 1) for a
    /// shift register, with b = ⌈log2 K⌉ data bits for symbols or 1 for a block source.
    /// </summary>
    private static BoundBlock WithDerivedSize(BoundBlock block, BlockWiring wiring, BoundNetwork network)
    {
        if (block.Kind != BlockKind.ShiftRegister || network.SequenceLength is not { } s || network.SymbolCount is not { } k)
        {
            return block;
        }

        var bits = RegisterBits(block, wiring, (int)k);
        return block with { Size = (s + 1) * (bits + 1) };
    }

    /// <summary>Data bits per slot of a shift register.</summary>
    public static int RegisterBits(BoundBlock block, BlockWiring wiring, int symbols) =>
        wiring.SourceBlock is not null ? 1 : SymbolCode.BitCount(symbols);

    private BoundTask? ResolveTask(NetworkSyntax network)
    {
        var taskName = network.TaskName.Text;
        if (tasks.TryGetValue(taskName, out var task))
        {
            return task;
        }

        string fix;
        if (networkNames.Contains(taskName))
        {
            fix = $"'{taskName}' is a network, so name a task after 'for'";
        }
        else if (NameSuggester.FindClosest(taskName, tasks.Keys) is { } suggestion)
        {
            fix = $"did you mean '{suggestion}'?";
        }
        else if (tasks.Count > 0)
        {
            fix = $"declare task '{taskName}' or use one of {MessageText.JoinQuoted(tasks.Keys.Order(StringComparer.Ordinal))}";
        }
        else
        {
            fix = $"declare it with 'task {taskName} {{ ... }}'";
        }

        diagnostics.Report(DiagnosticCatalog.TaskNotFound, network.TaskName.Location, network.Name.Text, taskName, fix);
        return null;
    }

    /// <summary>
    /// Creates the network's scope: the task fields (unknown when the task is missing), the
    /// default alpha and beta unless the network sets them, and every alpha, beta and let
    /// setting recorded as defined later.
    /// </summary>
    private static ValueScope CreateScope(NetworkSyntax network, BoundTask? task)
    {
        var scope = new ValueScope();
        var fields = task?.Fields ?? TaskFieldNames
            .Select(name => name == SettingCatalog.Delay
                ? NamedValue.Range(name, NamedValueKind.TaskField, SourceLocation.None, null, null)
                : NamedValue.Number(name, NamedValueKind.TaskField, SourceLocation.None, null))
            .ToArray();
        foreach (var field in fields)
        {
            scope.Define(field);
        }

        var settings = network.Members.OfType<SettingSyntax>().ToList();
        foreach (var (name, defaultValue) in new[] { (SettingCatalog.Alpha, DefaultAlpha), (SettingCatalog.Beta, DefaultBeta) })
        {
            if (settings.Find(setting => setting.Key.CanonicalText == name) is { } setting)
            {
                scope.DeclareLater(name, setting.Key.Location);
            }
            else
            {
                scope.Define(NamedValue.Number(name, NamedValueKind.NetworkSetting, SourceLocation.None, defaultValue));
            }
        }

        foreach (var let in network.Members.OfType<LetSyntax>())
        {
            scope.DeclareLater(let.Name.CanonicalText, let.Name.Location);
        }

        return scope;
    }

    /// <summary>
    /// Evaluates a let and returns its named value, or null when its name is taken. The value
    /// is evaluated either way, so errors inside it are reported.
    /// </summary>
    private NamedValue? BindLet(LetSyntax let, List<(LetSyntax Syntax, NamedValue Value)> earlierLets, ExpressionEvaluator evaluator)
    {
        var name = let.Name.CanonicalText;
        var value = evaluator.Evaluate(let.Value);

        string? conflict = null;
        var earlier = earlierLets.FindIndex(entry => entry.Value.Name == name);
        if (earlier >= 0)
        {
            var location = earlierLets[earlier].Syntax.Name.Location;
            conflict = $"the let at ({location.Line},{location.Column})";
        }
        else if (TaskFieldNames.Contains(name))
        {
            conflict = $"the task field '{name}'";
        }
        else if (name is SettingCatalog.Alpha or SettingCatalog.Beta)
        {
            conflict = $"the network setting '{name}'";
        }

        if (conflict is not null)
        {
            diagnostics.Report(DiagnosticCatalog.DuplicateLet, let.Name.Location, let.Name.Text, conflict);
            return null;
        }

        return NamedValue.Number(name, NamedValueKind.Let, let.Name.Location, value);
    }

    private static NetworkDefinition BuildDefinition(BoundNetwork network, TaskDefinition task)
    {
        var blocks = new List<BlockDefinition>(network.Blocks.Count);
        var offset = 0;
        foreach (var block in network.Blocks)
        {
            // An error-free network has a known kind and size for every block, and NetworkRules
            // has checked the hidden size against CompilerLimits.MaxHiddenSize.
            var kind = block.Kind!.Value;
            var size = (int)block.Size!.Value;
            var isMemory = kind == BlockKind.Memory;
            var wiring = network.Wiring[block.Name];
            var bits = kind == BlockKind.ShiftRegister ? RegisterBits(block, wiring, task.Symbols) : 0;
            blocks.Add(new BlockDefinition(
                block.Name,
                kind,
                offset,
                size,
                block.Alpha ?? network.Alpha!.Value,
                block.Beta ?? network.Beta!.Value,
                isMemory ? block.Ratio!.Value : 0,
                isMemory ? block.EraseGain!.Value : 0,
                ExpandInitialState(kind, size, bits, block.Run, block.InitialState),
                block.Syntax.Name.Location)
            {
                Signals = wiring.Signals,
                Clock = wiring.Clock,
                SourceBlock = wiring.SourceBlock,
                Code = block.Code ?? DefaultCode(task.Symbols),
                Bits = bits,
                ReverseLoad = block.ReverseLoad,
                Run = block.Run,
            });
            offset += size;
        }

        var readout = NetworkRules.ReadoutNames(network);
        var negated = network.Readout is { } readoutSyntax
            ? readoutSyntax.Blocks.Where((_, index) => readoutSyntax.IsNegated(index)).Select(name => name.Text).ToHashSet(StringComparer.Ordinal)
            : [];
        return new NetworkDefinition(
            network.Name, task, blocks, readout, network.Alpha!.Value, network.Beta!.Value, network.Syntax.Name.Location)
        {
            Training = network.Training,
            NegatedReadoutBlocks = negated,
            Overrides = network.Overrides,
        };
    }

    /// <summary>The memory code without a <c>code</c> setting: signed for K = 2, one-hot otherwise.</summary>
    public static MemoryCode DefaultCode(int symbols) => symbols == 2 ? MemoryCode.Signed : MemoryCode.OneHot;

    /// <summary>
    /// Returns one initial value per neuron. Without an init setting, memory neurons start at 0,
    /// switches, latches and toggles at −1, the clock at −1 except +1 at index size − 2 (all −1
    /// for a clock that runs only while decoding), and a shift register empty: present bits −1
    /// and data bits 0.
    /// </summary>
    private static double[] ExpandInitialState(BlockKind kind, int size, int bits, ClockRun run, InitialStateValue? initialState)
    {
        if (initialState?.Values is { } values)
        {
            return [.. values];
        }

        if (initialState?.Fill is { } fill)
        {
            return Enumerable.Repeat(fill, size).ToArray();
        }

        switch (kind)
        {
            case BlockKind.Memory:
                return new double[size];
            case BlockKind.Switch or BlockKind.Latch or BlockKind.Toggle:
                return Enumerable.Repeat(-1.0, size).ToArray();
            case BlockKind.ShiftRegister:
                var register = new double[size];
                for (var present = 0; present < size; present += bits + 1)
                {
                    register[present] = -1;
                }

                return register;
            default:
                var clock = Enumerable.Repeat(-1.0, size).ToArray();
                if (size >= 2 && run != ClockRun.Decode)
                {
                    clock[size - 2] = 1;
                }

                return clock;
        }
    }
}
