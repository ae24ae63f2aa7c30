using GateLang.Semantics;

namespace GateLang.Tests.Semantics;

/// <summary>
/// One input that triggers exactly one diagnostic, with its code and full message.
/// </summary>
/// <param name="Name">Short unique name, shown as the test case.</param>
/// <param name="Text">Spec text checked with <see cref="SpecCompiler.CheckText"/>, or null to check <paramref name="Path"/>.</param>
/// <param name="At">
/// A snippet of <paramref name="Text"/> whose first occurrence is where the diagnostic must
/// point, or null for diagnostics about the whole file, which have line 0.
/// </param>
public sealed record DiagnosticCase(string Code, string Name, string? Text, string? Path, string Message, string? At)
{
    public CheckResult Run() => Text is not null ? SpecCompiler.CheckText(Text, "spec.gate") : SpecCompiler.Check(Path!);
}

/// <summary>
/// The table of diagnostic cases: at least one per catalogue entry. Most cases take a valid
/// spec and change one piece of it.
/// </summary>
public static class DiagnosticCases
{
    public const string ValidSpec = """
        task copy {
            kind = vdcm
            K = 2
            S = 4
            T = 5..8
        }
        network net for copy {
            memory mem { size = S  ratio = 3 }
            clock clk { size = S + 1 }
            switch sw { size = 1 }
            readout = mem, clk, sw
        }
        """;

    /// <summary>A valid network built from the block kinds that wire each other by name.</summary>
    public const string BlocksSpec = """
        task copy {
            kind = vdcm
            K = 4
            S = 4
            T = 5..8
        }
        network net for copy {
            latch dec { set = delim }
            switch enc { on = symbols }
            toggle par { flip = B }
            clock clk { size = S + 1 }
            shift_register buf { source = symbols  shift = any(symbols, dec) }
            readout = buf
        }
        """;

    private static readonly string MissingFile = System.IO.Path.Combine("missing-directory", "missing.gate");
    private static readonly string Directory = System.IO.Path.GetTempPath();

    public static IReadOnlyList<DiagnosticCase> All { get; } =
    [
        // Input and syntax.
        new("GL0001", "file not found", null, MissingFile,
            $"spec file '{MissingFile}' was not found (full path '{System.IO.Path.GetFullPath(MissingFile)}'); check the path and the current directory",
            null),
        new("GL0002", "path is a directory", null, Directory,
            $"spec file '{Directory}' could not be read: it is a directory; check that it is a readable UTF-8 text file",
            null),
        new("GL0003", "text too large", new string('\n', CompilerLimits.MaxSourceLength + 1), null,
            "spec 'spec.gate' is too large: 4194305 characters, above the limit of 4194304 characters (CompilerLimits.MaxSourceLength); split it into several files",
            null),
        Replace("GL0004", "invalid character", "K = 2", "K = 2 $",
            "invalid character '$' (U+0024); remove or replace it, because names may contain only ASCII letters, digits, '_', α and β",
            "$"),
        Replace("GL0005", "missing brace", "    T = 5..8\n}", "    T = 5..8\n",
            "expected '}' to close task 'copy' opened at (1,11), found 'network'; add the missing '}'",
            "network"),
        Replace("GL0006", "missing equals", "ratio = 3", "ratio 3",
            "expected '=' after 'ratio', found '3'",
            "3 }"),
        Replace("GL0007", "stray token in task", "S = 4", "S = 4 )",
            "unexpected ')' in task 'copy'; a task contains only settings such as 'S = 10'",
            ")"),
        Replace("GL0008", "expression too long", "ratio = 3", "ratio = " + string.Join("+", Enumerable.Repeat("1", 300)),
            "the expression starting at '1' has more than 256 operators and parentheses (CompilerLimits.MaxExpressionOperators); simplify it or split it into 'let' declarations",
            "1+1"),

        // Names and declarations.
        Replace("GL0010", "unknown name", "ratio = 3", "ratio = 3 * rr",
            "unknown name 'rr'; the names defined at this point are K, S, T.min, T.max, seed, alpha and beta",
            "rr"),
        Replace("GL0010", "unknown name with suggestion", "memory mem { size = S  ratio = 3 }", "let gain = 3  alpha = 4 * gain  memory mem { size = S  ratio = gian }",
            "unknown name 'gian'; did you mean 'gain'?",
            "gian"),
        Replace("GL0011", "let used before definition", "memory mem", "let a = b + 1  let b = 2  alpha = 10 * a  memory mem",
            "'b' is used before its definition at (8,24); move the definition above this use",
            "b + 1"),
        Replace("GL0012", "unknown field of T", "ratio = 3", "ratio = T.mean",
            "'T' has no field 'mean'; use T.min or T.max",
            "mean"),
        Replace("GL0012", "field of a number", "ratio = 3", "ratio = S.max",
            "'S' has no field 'max'; 'S' is a number, so write 'S' alone",
            "max"),
        Replace("GL0013", "range used as number", "ratio = 3", "ratio = T",
            "'T' is a delay range, not a number; use T.min or T.max",
            "T }"),
        Replace("GL0014", "duplicate task", "network net", "task copy { kind = vdcm K = 2 S = 4 T = 5 }\nnetwork net",
            "task 'copy' is already declared at (1,6); rename one of the two tasks",
            "copy { kind"),
        Append("GL0015", "duplicate network", "\nnetwork net for copy { memory m { size = S  ratio = 2 }  clock c { size = S + 1 }  switch s { } }",
            "network 'net' is already declared at (7,9); rename one of the two networks",
            "net for copy { memory m"),
        Replace("GL0016", "duplicate block", "switch sw { size = 1 }", "switch sw { size = 1 }  clock sw { size = S + 1 }",
            "block 'sw' is already declared at (10,12) in network 'net'; rename one of the two blocks",
            "sw { size = S + 1 }"),
        Replace("GL0017", "let named like a task field", "memory mem", "let S = 3  memory mem",
            "let 'S' reuses the name of the task field 'S'; rename the let",
            "S = 3"),
        Replace("GL0018", "setting repeated", "K = 2", "K = 2  K = 3",
            "'K' is already set at (3,5) in task 'copy'; remove one of the two settings",
            "K = 3"),
        Replace("GL0019", "network for missing task", "for copy", "for cpy",
            "network 'net' is declared for task 'cpy', which does not exist; did you mean 'copy'?",
            "cpy"),

        // Settings and values.
        Replace("GL0020", "misspelled setting", "readout", "alhpa = 12  readout",
            "unknown setting 'alhpa' in network 'net'; did you mean 'alpha'?",
            "alhpa"),
        Replace("GL0021", "memory setting on clock", "size = S + 1", "size = S + 1  ratio = 2",
            "setting 'ratio' applies only to memory blocks; remove it from clock block 'clk'",
            "ratio = 2"),
        Replace("GL0022", "task without T", "    T = 5..8\n", "",
            "task 'copy' is missing the required setting 'T'; add a line such as 'T = 100..120'",
            "copy {"),
        Replace("GL0023", "range as size", "switch sw { size = 1 }", "switch sw { size = 1..2 }",
            "setting 'size' expects a whole number, not the range '1..2'",
            "1..2"),
        Replace("GL0024", "fractional S", "S = 4", "S = 9 / 2",
            "setting 'S' must be a whole number, but '9 / 2' evaluates to 4.5; round it or change the expression",
            "9 / 2"),
        Replace("GL0025", "division by zero", "ratio = 3", "ratio = 3 / (S - 4)",
            "division by zero: the divisor '(S - 4)' evaluates to 0 in '3 / (S - 4)'; change the divisor",
            "(S - 4)"),
        Replace("GL0026", "overflow", "ratio = 3", "ratio = 10^400",
            "'10^400' does not evaluate to a finite number (the result is infinity); change the expression",
            "10^400"),
        Replace("GL0027", "misspelled task kind", "kind = vdcm", "kind = vdmc",
            "unknown task kind 'vdmc'; did you mean 'vdcm'?",
            "vdmc"),
        Replace("GL0028", "misspelled block kind", "memory mem", "memroy mem",
            "unknown block kind 'memroy'; did you mean 'memory'?",
            "memroy"),

        // Task values.
        Replace("GL0030", "one symbol", "K = 2", "K = 1",
            "K = 1 in task 'copy' is too small; a copy task needs at least 2 symbols, so set K to 2 or more",
            "1\n"),
        Replace("GL0031", "empty sequence", "S = 4", "S = 0",
            "S = 0 in task 'copy' is too small; set the sequence length S to at least 1",
            "0\n"),
        Replace("GL0032", "zero delay", "T = 5..8", "T = 0..8",
            "the minimum delay 0 in task 'copy' is too small; set T so that its minimum is at least 1 step",
            "0..8"),
        new("GL0035", "parity with three symbols", "task t { kind = parity  K = 3  S = 4  T = 5 }\n", null,
            "task 't' has kind parity, which is defined on bits, but K = 3; set K = 2",
            "3  S"),
        Replace("GL0033", "reversed delay range", "T = 5..8", "T = 8..5",
            "the delay range 8..5 in task 'copy' has its minimum above its maximum; write it as 5..8",
            "8..5"),
        Replace("GL0034", "negative seed", "T = 5..8", "T = 5..8  seed = -1",
            "seed = -1 in task 'copy' is out of range; use a whole number from 0 to 2147483647",
            "-1"),
        Replace("GL0034", "seed above 2^31 - 1", "T = 5..8", "T = 5..8  seed = 2^31",
            "seed = 2147483648 in task 'copy' is out of range; use a whole number from 0 to 2147483647",
            "2^31"),

        // Block values.
        Replace("GL0040", "zero switch size", "switch sw { size = 1 }", "switch sw { size = 0 }",
            "size = 0 of block 'sw' is not positive; a block needs at least 1 neuron",
            "0 }"),
        Replace("GL0041", "memory size not S", "size = S  ratio", "size = S + 1  ratio",
            "memory block 'mem' has size 5, but it needs one neuron per symbol of the sequence, S = 4; set 'size = S'",
            "S + 1  ratio"),
        Replace("GL0042", "clock size not S + 1", "size = S + 1 }", "size = S }",
            "clock block 'clk' has size 4, but it needs S + 1 = 5 neurons; set 'size = S + 1'",
            "S }"),
        Replace("GL0043", "switch size 2", "switch sw { size = 1 }", "switch sw { size = 2 }",
            "switch block 'sw' has size 2, but a switch has exactly 1 neuron; set 'size = 1' or remove the setting",
            "2 }"),
        Replace("GL0044", "ratio 1", "ratio = 3", "ratio = 1",
            "ratio = 1 of memory block 'mem' must be greater than 1; choose a geometric ratio r > 1, such as 3",
            "1 }"),
        Replace("GL0045", "zero erase gain", "ratio = 3", "ratio = 3  erase_gain = 0",
            "erase_gain = 0 of memory block 'mem' must be positive; use a value above 0, such as 2, the default",
            "0 }"),
        Replace("GL0046", "alpha equal to default beta", "memory mem", "alpha = 3  memory mem",
            "alpha = 3 is not greater than beta = 3 in network 'net'; the construction needs alpha > beta, so raise alpha or lower beta",
            "3  memory"),
        Replace("GL0046", "block beta above network alpha", "switch sw { size = 1 }", "switch sw { size = 1  β = 11 }",
            "alpha = 10 is not greater than beta = 11 in block 'sw' of network 'net'; the construction needs alpha > beta, so raise alpha or lower beta",
            "11"),
        Replace("GL0047", "zero beta", "memory mem", "beta = 0  memory mem",
            "beta = 0 in network 'net' must be positive; set beta above 0, such as 3, the default",
            "0  memory"),
        Replace("GL0048", "init list too short", "switch sw { size = 1 }", "switch sw { size = 1  init = [-1, 1] }",
            "init of block 'sw' has 2 values, but the block has 1 neuron; give one value per neuron, or a single number for all of them",
            "[-1, 1]"),

        new("GL0049", "one-hot memory of size S", ValidSpec.Replace("K = 2", "K = 3", StringComparison.Ordinal), null,
            "memory block 'mem' has size 4, but its one-hot code needs K neurons per step, S·K = 4·3 = 12; set 'size = S * K'",
            "S  ratio"),

        // Network structure and readout.
        Replace("GL0050", "no switch", "    switch sw { size = 1 }\n    readout = mem, clk, sw\n", "",
            "network 'net' has no switch block; the binary copy-memory construction needs exactly one memory, one clock and one switch block, so add one such as 'switch sw { size = 1 }'",
            "net for"),
        Replace("GL0051", "two clocks", "readout = mem, clk, sw", "clock clk2 { size = S + 1 }  readout = mem, clk, sw, clk2",
            "network 'net' has 2 clock blocks ('clk' and 'clk2'); the binary copy-memory construction needs exactly one, so remove all but one",
            "clk2 {"),
        new("GL0052", "signed code with three symbols",
            ValidSpec.Replace("K = 2", "K = 3", StringComparison.Ordinal).Replace("ratio = 3", "ratio = 3  code = signed", StringComparison.Ordinal), null,
            "memory block 'mem' has code = signed, which stores only A and B, but task 'copy' has K = 3; use code = one_hot or set K = 2 in the task",
            "signed"),
        Replace("GL0053", "readout names unknown block", "readout = mem, clk, sw", "readout = mem, clk, sw, gate",
            "readout names 'gate', which is not a block of network 'net'; the blocks of network 'net' are 'mem', 'clk' and 'sw'",
            "gate"),
        Replace("GL0054", "readout without switch", "readout = mem, clk, sw", "readout = mem, clk",
            "readout of network 'net' leaves out block 'sw'; the binary copy-memory construction reads all three blocks, so add 'sw' to the readout",
            "readout"),
        Replace("GL0058", "readout negates clock", "readout = mem, clk, sw", "readout = mem, -clk, sw",
            "readout negates 'clk', a clock block, but only memory and shift_register blocks can be read with the opposite sign; remove the '-'",
            "clk, sw\n"),
        Blocks("GL0056", "readout reads latch", "readout = buf", "readout = buf, dec",
            "readout names 'dec', a latch block, which the readout cannot read; read memory, clock, switch and shift_register blocks, and drive gates with the latch instead",
            "dec\n"),
        Blocks("GL0057", "readout mixes register and switch", "readout = buf", "readout = buf, enc",
            "readout of network 'net' reads the shift register 'buf' and the block 'enc', but a shift register sets the blank output from its own present bit; read either shift registers or memory, clock and switch blocks",
            "enc\n"),
        Replace("GL0055", "readout repeats block", "readout = mem, clk, sw", "readout = mem, clk, sw, mem",
            "readout names block 'mem' more than once; remove the repeat",
            "mem\n"),

        // Compiler limits.
        Replace("GL0060", "too many symbols", "K = 2", "K = 5000",
            "K = 5000 in task 'copy' is above the limit of 4096 symbols (CompilerLimits.MaxSymbols); use fewer symbols",
            "5000"),
        Replace("GL0061", "trial too long", "T = 5..8", "T = 5..10^6",
            "task 'copy' has trials of up to 2S + T.max = 1000008 steps, above the limit of 1000000 (CompilerLimits.MaxTrialLength); lower S or T.max",
            "5..10^6"),
        Replace("GL0062", "hidden state too large", "S = 4", "S = 3000",
            "network 'net' has 6002 hidden neurons, above the limit of 4096 (CompilerLimits.MaxHiddenSize); use a shorter sequence length S",
            "net for"),

        // Warnings.
        Replace("GL0070", "unused let", "memory mem", "let spare = 1  memory mem",
            "let 'spare' is never used; remove it or use it in a setting",
            "spare"),
        Replace("GL0072", "ratio 3 with S = 15", "S = 4", "S = 15",
            "memory block 'mem' is expected to fail: an erased neuron keeps sigma(beta - 0.90 * erase_gain * alpha) = 3.03E-07 of its value, and the leftovers of steps 1 to 13 (up to 1.48E-07) outweigh the margin of step 14, tanh(3^-14) minus the later values = 1.39E-07; the largest S these values separate is 14, so raise erase_gain, or lower the ratio or S",
            "3 }"),
        new("GL0072", "ratio 2 with S = 5",
            ValidSpec.Replace("S = 4", "S = 5", StringComparison.Ordinal).Replace("ratio = 3", "ratio = 2", StringComparison.Ordinal), null,
            "memory block 'mem' is expected to fail: with ratio 2, the values tanh(2^-j) stored after step 1 add up to 0.463, not less than the value of step 1, tanh(2^-1) = 0.462, because tanh compresses the larger values most; the largest S these values separate is 4, so choose a ratio above 2, such as 3, or a shorter S",
            "2 }"),
        new("GL0073", "latch with alpha 4 over 208 steps",
            BlocksSpec.Replace("T = 5..8", "T = 5..200", StringComparison.Ordinal).Replace("set = delim }", "set = delim  alpha = 4 }", StringComparison.Ordinal), null,
            "latch block 'dec' is expected to fail: with alpha = 4 a closed update gate is sigma(2 alpha) = 0.9997, so over the longest trial of 208 steps a held value drifts by 7% of the way to its candidate, more than 5%; raise alpha to at least 4.16",
            "4 }"),
        new("GL0071", "empty spec", "// nothing here yet\n", null,
            "the spec declares no task and no network; add a 'task' or 'network' declaration",
            "// nothing"),

        // Train sections.
        Replace("GL0080", "unknown architecture", "readout = mem, clk, sw", "readout = mem, clk, sw  train { arch = gruu }",
            "'gruu' is not a valid value of 'arch'; did you mean 'gru'? The values are gru, lstm and rnn",
            "gruu"),
        Replace("GL0080", "unknown precision", "readout = mem, clk, sw", "readout = mem, clk, sw  train { precision = double }",
            "'double' is not a valid value of 'precision'; use f32 or f64",
            "double"),
        Replace("GL0081", "learning rate zero", "readout = mem, clk, sw", "readout = mem, clk, sw  train { lr = 0 }",
            "lr = 0 in the train section of network 'net' is out of range; use a positive learning rate such as 1e-3",
            "0 }"),
        Replace("GL0081", "batch zero", "readout = mem, clk, sw", "readout = mem, clk, sw  train { batch = 0 }",
            "batch = 0 in the train section of network 'net' is out of range; use a whole number from 1 to 1000000",
            "0 }"),
        new("GL0082", "synthetic init without blocks",
            "task copy { kind = vdcm  K = 8  S = 10  T = 100..120 }\nnetwork paper for copy { train { hidden = 250  init = synthetic } }\n", null,
            "init = synthetic in network 'paper' starts from the compiled weights of its blocks, but the network declares none; declare its memory, clock and switch blocks, or use init = default",
            "synthetic"),
        Replace("GL0083", "synthetic init wrong size", "readout = mem, clk, sw", "readout = mem, clk, sw  train { init = synthetic  hidden = 30 }",
            "init = synthetic in network 'net' needs hidden = 10, the blocks' total size, but the train section sets hidden = 30; remove 'hidden' or set it to 10",
            "30"),
        new("GL0084", "train-only network without hidden size",
            "task copy { kind = vdcm  K = 8  S = 10  T = 100..120 }\nnetwork paper for copy { train { epochs = 5 } }\n", null,
            "the train section of network 'paper' needs 'hidden', because the network has no blocks to take the size from; add a setting such as 'hidden = 64'",
            "train"),

        // Signals and references between blocks.
        Replace("GL0090", "call as ratio", "ratio = 3", "ratio = any(3)",
            "'any(3)' is a signal, not a number; any(...) and all(...) are allowed only as the value of a signal setting (on, set, reset, flip, shift, clear)",
            "any(3)"),
        Blocks("GL0091", "misspelled delimiter", "set = delim", "set = delm",
            "unknown name 'delm' in setting 'set' of block 'dec'; did you mean 'delim'?",
            "delm"),
        Blocks("GL0092", "clock as flip signal", "flip = B", "flip = clk",
            "'clk' in setting 'flip' of block 'par' is a clock block, but a gate can read only a one-neuron latch, toggle or switch block; name such a block or an input",
            "clk }"),
        Blocks("GL0093", "arithmetic as signal", "flip = B", "flip = B + 1",
            "'B + 1' is not a signal in setting 'flip' of block 'par'; write a name, a negated name such as '-dec', or any(...) or all(...) of them",
            "B + 1"),
        Blocks("GL0094", "all in shift", "shift = any(symbols, dec)", "shift = all(symbols, dec)",
            "'all(symbols, dec)' is not allowed in setting 'shift' of block 'buf'; the register ORs this signal with its other triggers, so use a name or any(...), and compute an 'all' condition in a switch such as 'switch both { on = all(delim, last) }'",
            "all(symbols"),
        Replace("GL0095", "memory written by switch", "ratio = 3", "ratio = 3  write = sw",
            "'write' of block 'mem' must name a clock block, but 'sw' is a switch block; name a clock block: 'clk'",
            "sw }"),

        // Overrides.
        Replace("GL0100", "misspelled override target", "readout = mem, clk, sw", "readout = mem, clk, sw\n    override z.hhh[mem, clk] *= 0.5",
            "unknown override target 'z.hhh'; did you mean 'z.hh'?",
            "z.hhh"),
        Replace("GL0101", "one selector for a matrix", "readout = mem, clk, sw", "readout = mem, clk, sw\n    override z.hh[mem] = 1",
            "'z.hh' takes 2 selectors, found 1; write it as 'z.hh[block, block]'",
            "z.hh"),
        Replace("GL0102", "misspelled override block", "readout = mem, clk, sw", "readout = mem, clk, sw\n    override z.hh[memm, clk] = 1",
            "'memm' in override 'z.hh[memm, clk]' is not a block of network 'net'; did you mean 'mem'?",
            "memm"),
        Replace("GL0103", "override index past the block", "readout = mem, clk, sw", "readout = mem, clk, sw\n    override z.hh[mem[9], clk] = 1",
            "'mem[9]' in override 'z.hh[mem[9], clk]' selects no neurons: index 9 is not a neuron of block 'mem', which has neurons 0 to 3",
            "9]"),
    ];

    private static DiagnosticCase Blocks(string code, string name, string oldText, string newText, string message, string? at)
    {
        if (!BlocksSpec.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Case '{name}': the blocks spec does not contain '{oldText}'.");
        }

        return new DiagnosticCase(code, name, BlocksSpec.Replace(oldText, newText, StringComparison.Ordinal), null, message, at);
    }

    private static DiagnosticCase Replace(string code, string name, string oldText, string newText, string message, string? at)
    {
        if (!ValidSpec.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Case '{name}': the valid spec does not contain '{oldText}'.");
        }

        return new DiagnosticCase(code, name, ValidSpec.Replace(oldText, newText, StringComparison.Ordinal), null, message, at);
    }

    private static DiagnosticCase Append(string code, string name, string text, string message, string? at) =>
        new(code, name, ValidSpec + text, null, message, at);
}
