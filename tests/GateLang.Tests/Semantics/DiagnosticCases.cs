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

        // Network structure and readout.
        Replace("GL0050", "no switch", "    switch sw { size = 1 }\n    readout = mem, clk, sw\n", "",
            "network 'net' has no switch block; the binary copy-memory construction needs exactly one memory, one clock and one switch block, so add one such as 'switch sw { size = 1 }'",
            "net for"),
        Replace("GL0051", "two clocks", "readout = mem, clk, sw", "clock clk2 { size = S + 1 }  readout = mem, clk, sw, clk2",
            "network 'net' has 2 clock blocks ('clk' and 'clk2'); the binary copy-memory construction needs exactly one, so remove all but one",
            "clk2 {"),
        Replace("GL0052", "eight symbols", "K = 2", "K = 8",
            "the binary copy-memory construction needs K = 2, task 'copy' has K = 8; set K = 2 in the task or bind the network to a task with K = 2",
            "copy {\n    memory"),
        Replace("GL0053", "readout names unknown block", "readout = mem, clk, sw", "readout = mem, clk, sw, gate",
            "readout names 'gate', which is not a block of network 'net'; the blocks of network 'net' are 'mem', 'clk' and 'sw'",
            "gate"),
        Replace("GL0054", "readout without switch", "readout = mem, clk, sw", "readout = mem, clk",
            "readout of network 'net' leaves out block 'sw'; the binary copy-memory construction reads all three blocks, so add 'sw' to the readout",
            "readout"),
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
    ];

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
