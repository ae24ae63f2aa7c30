using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Semantics;

namespace GateLang.Tests.Semantics;

public sealed class BinderTests
{
    private const string ExampleSpec = """
        task copy10 {
            kind = vdcm
            K = 2
            S = 10
            T = 100..120
            seed = 7
        }

        network binary10 for copy10 {
            alpha = 10
            β = 3
            let gain = 1

            memory mem {
                size = S
                ratio = 3
                erase_gain = gain + 1
            }
            clock clk { size = S + 1 }
            switch sw { size = 1 }
            readout = mem, clk, sw
        }
        """;

    [Fact]
    public void Example_BindsTask()
    {
        var result = CheckValid(ExampleSpec);

        var task = Assert.Single(result.Tasks);
        Assert.Equal("copy10", task.Name);
        Assert.Equal(TaskKind.Vdcm, task.Kind);
        Assert.Equal(2, task.Symbols);
        Assert.Equal(10, task.Length);
        Assert.Equal(100, task.DelayMin);
        Assert.Equal(120, task.DelayMax);
        Assert.Equal(7, task.Seed);
        Assert.Equal(new SourceLocation("spec.gate", 1, 6, 6), task.Location);
    }

    [Fact]
    public void Example_BindsNetworkWithOffsetsInDeclarationOrder()
    {
        var network = Assert.Single(CheckValid(ExampleSpec).Networks);

        Assert.Equal("binary10", network.Name);
        Assert.Equal("copy10", network.Task.Name);
        Assert.Equal((10.0, 3.0), (network.Alpha, network.Beta));
        Assert.Equal(["mem", "clk", "sw"], network.Blocks.Select(b => b.Name));
        Assert.Equal([BlockKind.Memory, BlockKind.Clock, BlockKind.Switch], network.Blocks.Select(b => b.Kind));
        Assert.Equal([0, 10, 21], network.Blocks.Select(b => b.Offset));
        Assert.Equal([10, 11, 1], network.Blocks.Select(b => b.Size));
        Assert.Equal(22, network.HiddenSize);
        Assert.Equal(["mem", "clk", "sw"], network.ReadoutBlocks);
        Assert.Equal(new SourceLocation("spec.gate", 9, 9, 8), network.Location);
    }

    [Fact]
    public void Example_BlockParameters()
    {
        var network = Assert.Single(CheckValid(ExampleSpec).Networks);
        var memory = network.FindBlock(BlockKind.Memory)!;
        var clock = network.FindBlock(BlockKind.Clock)!;
        var switchBlock = network.FindBlock(BlockKind.Switch)!;

        Assert.Equal((3.0, 2.0), (memory.Ratio, memory.EraseGain));
        Assert.Equal((0.0, 0.0), (clock.Ratio, clock.EraseGain));
        Assert.Equal((0.0, 0.0), (switchBlock.Ratio, switchBlock.EraseGain));
        Assert.All(network.Blocks, b => Assert.Equal((10.0, 3.0), (b.Alpha, b.Beta)));
        Assert.Equal(new SourceLocation("spec.gate", 14, 12, 3), memory.Location);
    }

    [Fact]
    public void DefaultInitialStates_ByBlockKind()
    {
        var network = Assert.Single(CheckValid(ExampleSpec).Networks);

        Assert.Equal(new double[10], network.Blocks[0].InitialState);
        Assert.Equal([-1, -1, -1, -1, -1, -1, -1, -1, -1, 1, -1], network.Blocks[1].InitialState);
        Assert.Equal([-1.0], network.Blocks[2].InitialState);
    }

    [Fact]
    public void Init_NumberFillsAndListCopies()
    {
        var text = ExampleSpec
            .Replace("ratio = 3", "ratio = 3  init = 0.25", StringComparison.Ordinal)
            .Replace("switch sw { size = 1 }", "switch sw { init = [1] }", StringComparison.Ordinal)
            .Replace("clock clk { size = S + 1 }", "clock clk { size = 11  init = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -gain] }", StringComparison.Ordinal);

        var network = Assert.Single(CheckValid(text).Networks);

        Assert.Equal(Enumerable.Repeat(0.25, 10), network.Blocks[0].InitialState);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1], network.Blocks[1].InitialState);
        Assert.Equal([1.0], network.Blocks[2].InitialState);
    }

    [Fact]
    public void Defaults_AlphaBetaEraseGainSwitchSizeReadout()
    {
        const string text = """
            network n for t {
                memory m { size = S  ratio = 2 }
                switch s { }
                clock c { size = S + 1 }
            }
            task t { kind = vdcm K = 2 S = 3 T = 4 }
            """;

        var result = CheckValid(text);
        var network = Assert.Single(result.Networks);
        var task = Assert.Single(result.Tasks);

        Assert.Equal((NetworkBinder.DefaultAlpha, NetworkBinder.DefaultBeta), (network.Alpha, network.Beta));
        Assert.Equal(2.0, network.Blocks[0].EraseGain);
        Assert.Equal(1, network.Blocks[1].Size);
        Assert.Equal(["m", "s", "c"], network.ReadoutBlocks);
        Assert.Equal([0, 3, 4], network.Blocks.Select(b => b.Offset));
        Assert.Equal((4, 4), (task.DelayMin, task.DelayMax));
        Assert.Equal(1, task.Seed);
    }

    [Fact]
    public void BlockAlphaBeta_FallBackToNetwork()
    {
        var text = ExampleSpec
            .Replace("ratio = 3", "ratio = 3  alpha = 20", StringComparison.Ordinal)
            .Replace("switch sw { size = 1 }", "switch sw { beta = alpha / 5 }", StringComparison.Ordinal);

        var network = Assert.Single(CheckValid(text).Networks);

        Assert.Equal((20.0, 3.0), (network.Blocks[0].Alpha, network.Blocks[0].Beta));
        Assert.Equal((10.0, 3.0), (network.Blocks[1].Alpha, network.Blocks[1].Beta));
        Assert.Equal((10.0, 2.0), (network.Blocks[2].Alpha, network.Blocks[2].Beta));
    }

    [Fact]
    public void Expressions_SeeTaskFieldsLetsAndAlpha()
    {
        const string text = """
            task t { kind = vdcm  K = 2  S = 2 * 3  T = S..S^2  seed = S + K }
            network n for t {
                let half = T.max / 2
                let third = half / 6
                alpha = third * 4 + seed - 8
                beta = α / 4
                memory m { size = S  ratio = third }
                clock c { size = T.min + 1 }
                switch s { size = K - 1 }
            }
            """;

        var result = CheckValid(text);
        var task = Assert.Single(result.Tasks);
        var network = Assert.Single(result.Networks);

        Assert.Equal((6, 6, 36, 8), (task.Length, task.DelayMin, task.DelayMax, task.Seed));
        Assert.Equal((12.0, 3.0), (network.Alpha, network.Beta));
        Assert.Equal(3.0, network.Blocks[0].Ratio);
    }

    [Fact]
    public void SeveralTasksAndNetworks_InAnyOrder()
    {
        const string text = """
            network a for short { memory m { size = S ratio = 2 } clock c { size = S + 1 } switch s { } }
            task short { kind = vdcm K = 2 S = 2 T = 1..3 }
            task long { kind = vdcm K = 4 S = 50 T = 10 }
            network b for short { memory m { size = 2 ratio = 4 } clock c { size = 3 } switch s { } }
            """;

        var result = CheckValid(text);

        Assert.Equal(["short", "long"], result.Tasks.Select(t => t.Name));
        Assert.Equal(["a", "b"], result.Networks.Select(n => n.Name));
        Assert.Same(result.Tasks[0], result.Networks[0].Task);
        Assert.Same(result.Tasks[0], result.Networks[1].Task);
    }

    [Fact]
    public void TwoUnrelatedErrors_BothReportedInSourceOrder()
    {
        var text = DiagnosticCases.ValidSpec
            .Replace("K = 2", "K = 2  seed = -5", StringComparison.Ordinal)
            .Replace("ratio = 3", "ratio = 0.5", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Equal(["GL0034", "GL0044"], result.Diagnostics.Select(d => d.Code));
        Assert.Equal([3, 8], result.Diagnostics.Select(d => d.Location.Line));
        Assert.True(result.HasErrors);
        Assert.Empty(result.Tasks);
        Assert.Empty(result.Networks);
    }

    [Fact]
    public void ManyIndependentErrors_AllReported()
    {
        const string text = """
            task t { kind = vdcm K = 2 S = 4 T = 5 seed = 1.5 }
            task t { kind = vdcm K = 2 S = 4 T = 5 }
            network n for t {
                alhpa = 3
                memory m { size = S ratio = 1 erase_gain = -1 }
                clock c { size = S + 1  ratio = 2 }
                switch s { size = 2 }
                readout = m, c, s, x
            }
            """;

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Equal(
            ["GL0024", "GL0014", "GL0020", "GL0044", "GL0045", "GL0021", "GL0043", "GL0053"],
            result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void BrokenNetwork_TaskStillReturned()
    {
        var text = DiagnosticCases.ValidSpec.Replace("ratio = 3", "ratio = 1", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.True(result.HasErrors);
        Assert.Single(result.Tasks);
        Assert.Empty(result.Networks);
    }

    [Fact]
    public void WarningOnly_StillBindsAndHasNoErrors()
    {
        var text = DiagnosticCases.ValidSpec.Replace("memory mem", "let spare = 1  memory mem", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.False(result.HasErrors);
        Assert.Single(result.Networks);
    }

    [Fact]
    public void MissingTask_ReportedOnceWithoutCascade()
    {
        var text = DiagnosticCases.ValidSpec.Replace("for copy", "for other", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "network 'net' is declared for task 'other', which does not exist; declare task 'other' or use one of 'copy'",
            diagnostic.Message);
    }

    [Fact]
    public void NetworkNamedAfterFor_SaysItIsANetwork()
    {
        var text = DiagnosticCases.ValidSpec.Replace("for copy", "for net", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "network 'net' is declared for task 'net', which does not exist; 'net' is a network, so name a task after 'for'",
            diagnostic.Message);
    }

    [Fact]
    public void InvalidTaskValue_DoesNotCascadeIntoNetwork()
    {
        // S is invalid, so the memory and clock sizes cannot be checked against it.
        var text = DiagnosticCases.ValidSpec.Replace("S = 4", "S = 4..5", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("setting 'S' expects a whole number, not the range '4..5'", diagnostic.Message);
    }

    [Fact]
    public void MisspelledReadoutName_ReportedOnce()
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout = mem, clk, sw", "readout = mem, clck, sw", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("readout names 'clck', which is not a block of network 'net'; did you mean 'clk'?", diagnostic.Message);
    }

    [Fact]
    public void UnknownSettingWithoutSuggestion_ListsSettings()
    {
        var text = DiagnosticCases.ValidSpec.Replace("size = S + 1", "size = S + 1  speed = 2", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("unknown setting 'speed' in clock block 'clk'; the settings of a clock block are alpha, beta, size, init and run", diagnostic.Message);
    }

    [Fact]
    public void TaskSettingInNetwork_NamesWhereItBelongs()
    {
        var text = DiagnosticCases.ValidSpec.Replace("readout", "seed = 3  readout", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("setting 'seed' applies only to tasks and train sections; remove it from network 'net'", diagnostic.Message);
    }

    [Fact]
    public void LowercaseK_SuggestsUppercase()
    {
        var text = DiagnosticCases.ValidSpec.Replace("K = 2", "k = 2", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        // The missing K is not reported on top, because the misspelling already points at it.
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("unknown setting 'k' in task 'copy'; did you mean 'K'?", diagnostic.Message);
    }

    [Fact]
    public void MisspelledRequiredBlockSetting_ReportedOnce()
    {
        var text = DiagnosticCases.ValidSpec.Replace("ratio = 3", "rato = 3", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("unknown setting 'rato' in memory block 'mem'; did you mean 'ratio'?", diagnostic.Message);
    }

    [Fact]
    public void LetSelfReference_IsUseBeforeDefinition()
    {
        var text = DiagnosticCases.ValidSpec.Replace("memory mem", "let x = x + 1  alpha = 10 + x  memory mem", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GL0011", diagnostic.Code);
    }

    [Fact]
    public void AlphaBeforeItsSetting_UsedBeforeDefinition()
    {
        var text = DiagnosticCases.ValidSpec.Replace("memory mem", "let x = alpha  alpha = 12 + x  memory mem", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("'alpha' is used before its definition at (8,20); move the definition above this use", diagnostic.Message);
    }

    [Fact]
    public void TaskFieldsOutsideTask_AreUnknownInTask()
    {
        var text = DiagnosticCases.ValidSpec.Replace("K = 2", "K = alpha", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Contains(
            "unknown name 'alpha'; no names are defined at this point",
            result.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void UnknownBlockKind_SuppressesMissingBlock()
    {
        var text = DiagnosticCases.ValidSpec.Replace("clock clk", "timer clk", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("unknown block kind 'timer'; use memory, clock, switch, latch, toggle or shift_register", diagnostic.Message);
    }

    [Fact]
    public void NotFinitePower_ReportsNotANumber()
    {
        var text = DiagnosticCases.ValidSpec.Replace("ratio = 3", "ratio = (-8)^(1/3)", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("'(-8)^(1/3)' does not evaluate to a finite number (the result is not a number); change the expression", diagnostic.Message);
    }

    [Fact]
    public void MaxHiddenSize_IsAccepted()
    {
        // 2S + 2 = 4096 neurons for S = 2047. Ratio 3 separates at most 14 steps, so the
        // design check warns, but the network is valid.
        var text = DiagnosticCases.ValidSpec.Replace("S = 4", "S = 2047", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.False(result.HasErrors);
        Assert.Equal("GL0072", Assert.Single(result.Diagnostics).Code);
        Assert.Equal(CompilerLimits.MaxHiddenSize, Assert.Single(result.Networks).HiddenSize);
    }

    [Fact]
    public void MaxTrialLength_IsAccepted()
    {
        var text = DiagnosticCases.ValidSpec.Replace("T = 5..8", "T = 5..(10^6 - 8)", StringComparison.Ordinal);

        var task = Assert.Single(CheckValid(text).Tasks);

        Assert.Equal(CompilerLimits.MaxTrialLength, task.MaxTrialLength);
    }

    [Fact]
    public void HugeSize_RefusedWithoutAllocating()
    {
        var text = DiagnosticCases.ValidSpec.Replace("switch sw { size = 1 }", "switch sw { size = 10^15 }", StringComparison.Ordinal);

        var result = SpecCompiler.CheckText(text, "spec.gate");

        Assert.Equal(["GL0062", "GL0043"], result.Diagnostics.Select(d => d.Code));
    }

    private static CheckResult CheckValid(string text)
    {
        var result = SpecCompiler.CheckText(text, "spec.gate");
        Assert.Empty(result.Diagnostics);
        Assert.False(result.HasErrors);
        Assert.Equal(text, result.SourceText);
        return result;
    }
}
