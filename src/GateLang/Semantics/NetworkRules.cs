using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// Checks that look at a whole bound network: alpha and beta after the per-block fallback,
/// the block structure that the binary copy-memory construction needs (for networks made of
/// memory, clock and switch blocks only), block sizes, the hidden size limit, initial state
/// lengths and the readout.
/// </summary>
/// <remarks>
/// Each check skips values that are unknown because of an earlier error, so one mistake
/// gives one diagnostic.
/// </remarks>
internal sealed class NetworkRules(DiagnosticBag diagnostics)
{
    private static readonly (BlockKind Kind, string Word, string Example)[] RequiredBlocks =
    [
        (BlockKind.Memory, "memory", "memory mem { size = S  ratio = 3 }"),
        (BlockKind.Clock, "clock", "clock clk { size = S + 1 }"),
        (BlockKind.Switch, "switch", "switch sw { size = 1 }"),
    ];

    public void Check(BoundNetwork network)
    {
        CheckNetworkAlphaBeta(network);
        foreach (var block in network.Blocks)
        {
            CheckBlockAlphaBeta(network, block);
        }

        // A network with only a train section is never compiled, so the construction's
        // requirements on blocks do not apply to it. A network that uses any other block kind
        // wires its blocks explicitly, and BlockWiringBinder checks the references instead.
        if (!network.IsTrainOnly && IsFirstVersionShape(network))
        {
            CheckBlockStructure(network);
        }

        CheckMemoryCode(network);
        CheckRegisterLoad(network);

        CheckBlockSizes(network);
        CheckHiddenSize(network);
        CheckInitialStateLengths(network);
        CheckReadout(network);
    }

    private void CheckNetworkAlphaBeta(BoundNetwork network)
    {
        var alphaSetting = network.Settings[SettingCatalog.Alpha];
        var betaSetting = network.Settings[SettingCatalog.Beta];
        var owner = $"network '{network.Name}'";

        // With neither setting present the defaults apply, and they satisfy both checks.
        var location = (betaSetting ?? alphaSetting)?.Value.Location;
        if (location is null)
        {
            return;
        }

        if (network.Beta <= 0)
        {
            diagnostics.Report(DiagnosticCatalog.BetaNotPositive, betaSetting!.Value.Location, MessageText.Number(network.Beta.Value), owner);
        }

        if (network.Alpha is { } alpha && network.Beta is { } beta && alpha <= beta)
        {
            diagnostics.Report(
                DiagnosticCatalog.AlphaNotAboveBeta, location.Value, MessageText.Number(alpha), MessageText.Number(beta), owner);
        }
    }

    private void CheckBlockAlphaBeta(BoundNetwork network, BoundBlock block)
    {
        var alphaSetting = block.Settings[SettingCatalog.Alpha];
        var betaSetting = block.Settings[SettingCatalog.Beta];
        if (alphaSetting is null && betaSetting is null)
        {
            return;
        }

        var owner = $"block '{block.Name}' of network '{network.Name}'";
        var alpha = alphaSetting is null ? network.Alpha : block.Alpha;
        var beta = betaSetting is null ? network.Beta : block.Beta;

        if (betaSetting is not null && beta <= 0)
        {
            diagnostics.Report(DiagnosticCatalog.BetaNotPositive, betaSetting.Value.Location, MessageText.Number(beta.Value), owner);
        }

        if (alpha is { } a && beta is { } b && a <= b)
        {
            var location = (betaSetting ?? alphaSetting)!.Value.Location;
            diagnostics.Report(DiagnosticCatalog.AlphaNotAboveBeta, location, MessageText.Number(a), MessageText.Number(b), owner);
        }
    }

    /// <summary>
    /// Requires exactly one memory, one clock and one switch block. Missing kinds are not
    /// reported when a block has an unknown kind, which is most likely a misspelled one.
    /// </summary>
    private void CheckBlockStructure(BoundNetwork network)
    {
        var hasUnknownKind = network.Blocks.Any(block => block.Kind is null);
        foreach (var (kind, word, example) in RequiredBlocks)
        {
            var blocks = network.Blocks.Where(block => block.Kind == kind).ToList();
            if (blocks.Count == 0 && !hasUnknownKind)
            {
                diagnostics.Report(DiagnosticCatalog.MissingBlock, network.Syntax.Name.Location, network.Name, word, example);
            }
            else if (blocks.Count > 1)
            {
                diagnostics.Report(
                    DiagnosticCatalog.RepeatedBlock, blocks[1].Syntax.Name.Location, network.Name, blocks.Count, word,
                    MessageText.JoinQuoted(blocks.Select(block => block.Name)));
            }
        }
    }

    /// <summary>Whether every block is a memory, clock or switch, the layout of the first GateLang version.</summary>
    public static bool IsFirstVersionShape(BoundNetwork network) =>
        network.Blocks.All(block => block.Kind is null or BlockKind.Memory or BlockKind.Clock or BlockKind.Switch);

    /// <summary>The signed code stores two symbols as +r^−i and −r^−i, so it needs K = 2.</summary>
    private void CheckMemoryCode(BoundNetwork network)
    {
        foreach (var block in network.Blocks)
        {
            if (block.Code == MemoryCode.Signed && network.SymbolCount is { } symbols && symbols != 2)
            {
                diagnostics.Report(
                    DiagnosticCatalog.UnsupportedSymbolCount, block.Settings[SettingCatalog.Code]!.Value.Location, block.Name,
                    network.Task!.Syntax.Name.Text, MessageText.Number(symbols));
            }
        }
    }

    /// <summary>A loaded register takes the input's code, so its source must be the symbols.</summary>
    private void CheckRegisterLoad(BoundNetwork network)
    {
        foreach (var block in network.Blocks)
        {
            if (block.Settings[SettingCatalog.Load] is { } load
                && network.Wiring.TryGetValue(block.Name, out var wiring)
                && wiring.SourceBlock is { } source)
            {
                diagnostics.Report(
                    DiagnosticCatalog.SignalNotAllowed, load.Value.Location, load.Value.Text, SettingCatalog.Load, block.Name,
                    $"a loaded register takes each slot's data from the input symbol, so remove 'source = {source}' or 'load'");
            }
        }
    }

    private void CheckBlockSizes(BoundNetwork network)
    {
        foreach (var block in network.Blocks)
        {
            if (block.Size is not { } size || block.Settings[SettingCatalog.Size] is not { } sizeSetting)
            {
                continue;
            }

            var location = sizeSetting.Value.Location;
            var sizeText = MessageText.Number(size);
            var code = block.Code ?? (network.SymbolCount is { } symbols ? NetworkBinder.DefaultCode((int)symbols) : MemoryCode.Signed);
            switch (block.Kind)
            {
                case BlockKind.Memory when code == MemoryCode.Signed && network.SequenceLength is { } s && size != s:
                    diagnostics.Report(DiagnosticCatalog.MemorySizeMismatch, location, block.Name, sizeText, MessageText.Number(s));
                    break;
                case BlockKind.Memory when code == MemoryCode.OneHot && network.SequenceLength is { } s && network.SymbolCount is { } k
                    && size != s * k:
                    diagnostics.Report(
                        DiagnosticCatalog.OneHotMemorySizeMismatch, location, block.Name, sizeText, MessageText.Number(s),
                        MessageText.Number(k), MessageText.Number(s * k));
                    break;
                case BlockKind.Clock when network.SequenceLength is { } s && size != s + 1:
                    diagnostics.Report(DiagnosticCatalog.ClockSizeMismatch, location, block.Name, sizeText, MessageText.Number(s + 1));
                    break;
                case BlockKind.Switch when size != 1:
                    diagnostics.Report(DiagnosticCatalog.SwitchSizeMismatch, location, block.Name, sizeText);
                    break;
            }
        }
    }

    /// <summary>Sums the known block sizes, so an oversized network is refused even when another block has an error.</summary>
    private void CheckHiddenSize(BoundNetwork network)
    {
        var hiddenSize = network.Blocks.Sum(block => block.Size ?? 0);
        if (hiddenSize > CompilerLimits.MaxHiddenSize)
        {
            diagnostics.Report(
                DiagnosticCatalog.HiddenSizeTooLarge, network.Syntax.Name.Location, network.Name, MessageText.Number(hiddenSize),
                CompilerLimits.MaxHiddenSize);
        }
    }

    private void CheckInitialStateLengths(BoundNetwork network)
    {
        foreach (var block in network.Blocks)
        {
            if (block.InitialState?.Values is not { } values || block.Size is not { } size || values.Count == size)
            {
                continue;
            }

            var location = block.Settings[SettingCatalog.Init]!.Value.Location;
            diagnostics.Report(
                DiagnosticCatalog.InitialStateLengthMismatch, location, block.Name,
                MessageText.Count(values.Count, "value", "values"), MessageText.Count((long)size, "neuron", "neurons"));
        }
    }

    /// <summary>
    /// Returns the blocks the readout reads: those named in <c>readout</c>, or without it every
    /// block of a memory-clock-switch network, and otherwise every shift register or, when there
    /// is none, every memory, clock and switch block.
    /// </summary>
    public static IReadOnlyList<string> ReadoutNames(BoundNetwork network)
    {
        if (network.Readout is { } readout)
        {
            return readout.Blocks.Select(name => name.Text).ToList();
        }

        if (IsFirstVersionShape(network))
        {
            return network.Blocks.Select(block => block.Name).ToList();
        }

        var registers = network.Blocks.Where(block => block.Kind == BlockKind.ShiftRegister).ToList();
        var read = registers.Count > 0
            ? registers
            : network.Blocks.Where(block => block.Kind is BlockKind.Memory or BlockKind.Clock or BlockKind.Switch).ToList();
        return read.Select(block => block.Name).ToList();
    }

    /// <summary>
    /// Checks the readout's names, then that each named block can be read with its sign, that
    /// shift registers are not mixed with the other readable kinds, and, for a network of
    /// memory, clock and switch blocks, that it reads every block. A block that was suggested
    /// for a misspelled name is not reported again as left out.
    /// </summary>
    private void CheckReadout(BoundNetwork network)
    {
        if (network.Readout is not { } readout)
        {
            return;
        }

        CheckReadoutKinds(network, readout);

        var blockNames = network.Blocks.Select(block => block.Name).ToList();
        var named = new HashSet<string>(StringComparer.Ordinal);
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in readout.Blocks)
        {
            if (!blockNames.Contains(name.Text))
            {
                var suggestion = NameSuggester.FindClosest(name.Text, blockNames);
                if (suggestion is not null)
                {
                    suggested.Add(suggestion);
                }

                diagnostics.Report(
                    DiagnosticCatalog.ReadoutUnknownBlock, name.Location, name.Text, network.Name, UnknownBlockFix(network, suggestion));
            }
            else if (!named.Add(name.Text))
            {
                diagnostics.Report(DiagnosticCatalog.ReadoutRepeatedBlock, name.Location, name.Text);
            }
        }

        if (!IsFirstVersionShape(network))
        {
            return;
        }

        foreach (var block in network.Blocks)
        {
            if (block.Kind is not null && !named.Contains(block.Name) && !suggested.Contains(block.Name))
            {
                diagnostics.Report(DiagnosticCatalog.ReadoutMissingBlock, readout.Location, network.Name, block.Name);
            }
        }
    }

    private void CheckReadoutKinds(BoundNetwork network, ReadoutSyntax readout)
    {
        IdentifierSyntax? firstRegister = null;
        IdentifierSyntax? firstOther = null;
        for (var index = 0; index < readout.Blocks.Count; index++)
        {
            var name = readout.Blocks[index];
            if (network.Blocks.FirstOrDefault(b => b.Name == name.Text) is not { Kind: { } kind })
            {
                continue;
            }

            if (kind is BlockKind.Latch or BlockKind.Toggle)
            {
                diagnostics.Report(DiagnosticCatalog.ReadoutBlockNotReadable, name.Location, name.Text, BlockWiringBinder.KindWord(kind));
                continue;
            }

            if (readout.IsNegated(index) && kind is BlockKind.Clock or BlockKind.Switch)
            {
                diagnostics.Report(DiagnosticCatalog.ReadoutNegatedBlock, name.Location, name.Text, BlockWiringBinder.KindWord(kind));
            }

            if (kind == BlockKind.ShiftRegister)
            {
                firstRegister ??= name;
            }
            else
            {
                firstOther ??= name;
            }
        }

        if (firstRegister is not null && firstOther is not null)
        {
            var later = firstRegister.Location.Column > firstOther.Location.Column || firstRegister.Location.Line > firstOther.Location.Line ? firstRegister : firstOther;
            diagnostics.Report(DiagnosticCatalog.ReadoutMixesKinds, later.Location, network.Name, firstRegister.Text, firstOther.Text);
        }
    }

    private static string UnknownBlockFix(BoundNetwork network, string? suggestion)
    {
        if (suggestion is not null)
        {
            return $"did you mean '{suggestion}'?";
        }

        return network.Blocks.Count == 0
            ? "the network declares no blocks"
            : $"the blocks of network '{network.Name}' are {MessageText.JoinQuoted(network.Blocks.Select(block => block.Name))}";
    }
}
