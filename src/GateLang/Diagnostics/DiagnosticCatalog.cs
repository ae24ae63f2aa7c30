using System.Reflection;

namespace GateLang.Diagnostics;

/// <summary>
/// Every diagnostic the compiler can report, with its stable code. A code must never be
/// reused or renumbered, because users search for it. Codes are grouped by tens: GL000x input and syntax, GL001x names and
/// declarations, GL002x settings and values, GL003x tasks, GL004x blocks, GL005x network
/// structure and readout, GL006x compiler limits, GL007x warnings, GL008x train sections,
/// GL009x signals and references between blocks, GL010x overrides.
/// </summary>
/// <remarks>
/// Templates use composite formatting, so a literal brace is written twice. Each message names
/// the offending value and ends with the fix. docs/language.md lists every code.
/// </remarks>
public static class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllDescriptors = new(CollectDescriptors);

    // Input and syntax. A file has at most one syntax diagnostic, because parsing stops there.

    public static readonly DiagnosticDescriptor SpecFileNotFound = Error(
        "GL0001", "Spec file not found",
        "spec file '{0}' was not found (full path '{1}'); check the path and the current directory");

    public static readonly DiagnosticDescriptor SpecFileUnreadable = Error(
        "GL0002", "Spec file unreadable",
        "spec file '{0}' could not be read: {1}; check that it is a readable UTF-8 text file");

    public static readonly DiagnosticDescriptor SourceTooLarge = Error(
        "GL0003", "Spec too large",
        "spec '{0}' is too large: {1}, above the limit of {2} characters (CompilerLimits.MaxSourceLength); split it into several files");

    public static readonly DiagnosticDescriptor InvalidCharacter = Error(
        "GL0004", "Invalid character",
        "invalid character '{0}' (U+{1}); remove or replace it, because names may contain only ASCII letters, digits, '_', α and β");

    public static readonly DiagnosticDescriptor MissingClosingBrace = Error(
        "GL0005", "Missing closing brace",
        "expected '}}' to close {0} '{1}' opened at ({2},{3}), found {4}; add the missing '}}'");

    public static readonly DiagnosticDescriptor ExpectedToken = Error(
        "GL0006", "Expected token missing",
        "expected {0} after '{1}', found {2}");

    public static readonly DiagnosticDescriptor UnexpectedToken = Error(
        "GL0007", "Unexpected token",
        "unexpected {0} {1}; {2}");

    public static readonly DiagnosticDescriptor ExpressionTooComplex = Error(
        "GL0008", "Expression too complex",
        "the expression starting at '{0}' has more than {1} operators and parentheses (CompilerLimits.MaxExpressionOperators); simplify it or split it into 'let' declarations");

    // Names and declarations.

    public static readonly DiagnosticDescriptor UnknownName = Error(
        "GL0010", "Unknown name",
        "unknown name '{0}'; {1}");

    public static readonly DiagnosticDescriptor NameUsedBeforeDefinition = Error(
        "GL0011", "Name used before its definition",
        "'{0}' is used before its definition at ({1},{2}); move the definition above this use");

    public static readonly DiagnosticDescriptor UnknownField = Error(
        "GL0012", "Unknown field",
        "'{0}' has no field '{1}'; {2}");

    public static readonly DiagnosticDescriptor RangeUsedAsNumber = Error(
        "GL0013", "Range used as a number",
        "'{0}' is a delay range, not a number; use {0}.min or {0}.max");

    public static readonly DiagnosticDescriptor DuplicateTask = Error(
        "GL0014", "Duplicate task",
        "task '{0}' is already declared at ({1},{2}); rename one of the two tasks");

    public static readonly DiagnosticDescriptor DuplicateNetwork = Error(
        "GL0015", "Duplicate network",
        "network '{0}' is already declared at ({1},{2}); rename one of the two networks");

    public static readonly DiagnosticDescriptor DuplicateBlock = Error(
        "GL0016", "Duplicate block",
        "block '{0}' is already declared at ({1},{2}) in network '{3}'; rename one of the two blocks");

    public static readonly DiagnosticDescriptor DuplicateLet = Error(
        "GL0017", "Duplicate let name",
        "let '{0}' reuses the name of {1}; rename the let");

    public static readonly DiagnosticDescriptor DuplicateSetting = Error(
        "GL0018", "Duplicate setting",
        "'{0}' is already set at ({1},{2}) in {3}; remove one of the two settings");

    public static readonly DiagnosticDescriptor TaskNotFound = Error(
        "GL0019", "Network bound to a missing task",
        "network '{0}' is declared for task '{1}', which does not exist; {2}");

    // Settings and values.

    public static readonly DiagnosticDescriptor UnknownSetting = Error(
        "GL0020", "Unknown setting",
        "unknown setting '{0}' in {1}; {2}");

    public static readonly DiagnosticDescriptor SettingNotAllowedHere = Error(
        "GL0021", "Setting in the wrong place",
        "setting '{0}' applies only to {1}; remove it from {2}");

    public static readonly DiagnosticDescriptor MissingSetting = Error(
        "GL0022", "Missing required setting",
        "{0} is missing the required setting '{1}'; add a line such as '{2}'");

    public static readonly DiagnosticDescriptor WrongValueType = Error(
        "GL0023", "Wrong kind of value",
        "setting '{0}' expects {1}, not {2}");

    public static readonly DiagnosticDescriptor NotAnInteger = Error(
        "GL0024", "Whole number expected",
        "setting '{0}' must be a whole number, but '{1}' evaluates to {2}; round it or change the expression");

    public static readonly DiagnosticDescriptor DivisionByZero = Error(
        "GL0025", "Division by zero",
        "division by zero: the divisor '{0}' evaluates to 0 in '{1}'; change the divisor");

    public static readonly DiagnosticDescriptor NotFinite = Error(
        "GL0026", "Result not finite",
        "'{0}' does not evaluate to a finite number (the result is {1}); change the expression");

    public static readonly DiagnosticDescriptor UnknownTaskKind = Error(
        "GL0027", "Unknown task kind",
        "unknown task kind '{0}'; {1}");

    public static readonly DiagnosticDescriptor UnknownBlockKind = Error(
        "GL0028", "Unknown block kind",
        "unknown block kind '{0}'; {1}");

    // Task values.

    public static readonly DiagnosticDescriptor TooFewSymbols = Error(
        "GL0030", "Fewer than 2 symbols",
        "K = {0} in task '{1}' is too small; a copy task needs at least 2 symbols, so set K to 2 or more");

    public static readonly DiagnosticDescriptor SequenceLengthTooSmall = Error(
        "GL0031", "Sequence length below 1",
        "S = {0} in task '{1}' is too small; set the sequence length S to at least 1");

    public static readonly DiagnosticDescriptor DelayTooSmall = Error(
        "GL0032", "Delay below 1 step",
        "the minimum delay {0} in task '{1}' is too small; set T so that its minimum is at least 1 step");

    public static readonly DiagnosticDescriptor DelayRangeReversed = Error(
        "GL0033", "Delay range reversed",
        "the delay range {0}..{1} in task '{2}' has its minimum above its maximum; write it as {1}..{0}");

    public static readonly DiagnosticDescriptor SeedOutOfRange = Error(
        "GL0034", "Seed out of range",
        "seed = {0} in task '{1}' is out of range; use a whole number from 0 to 2147483647");

    public static readonly DiagnosticDescriptor TaskNeedsBinary = Error(
        "GL0035", "Task kind needs K = 2",
        "task '{0}' has kind {1}, which is defined on bits, but K = {2}; set K = 2");

    // Block values.

    public static readonly DiagnosticDescriptor NonPositiveBlockSize = Error(
        "GL0040", "Block size not positive",
        "size = {0} of block '{1}' is not positive; a block needs at least 1 neuron");

    public static readonly DiagnosticDescriptor MemorySizeMismatch = Error(
        "GL0041", "Memory size is not S",
        "memory block '{0}' has size {1}, but it needs one neuron per symbol of the sequence, S = {2}; set 'size = S'");

    public static readonly DiagnosticDescriptor ClockSizeMismatch = Error(
        "GL0042", "Clock size is not S + 1",
        "clock block '{0}' has size {1}, but it needs S + 1 = {2} neurons; set 'size = S + 1'");

    public static readonly DiagnosticDescriptor SwitchSizeMismatch = Error(
        "GL0043", "Switch size is not 1",
        "switch block '{0}' has size {1}, but a switch has exactly 1 neuron; set 'size = 1' or remove the setting");

    public static readonly DiagnosticDescriptor RatioTooSmall = Error(
        "GL0044", "Ratio not above 1",
        "ratio = {0} of memory block '{1}' must be greater than 1; choose a geometric ratio r > 1, such as 3");

    public static readonly DiagnosticDescriptor EraseGainNotPositive = Error(
        "GL0045", "Erase gain not positive",
        "erase_gain = {0} of memory block '{1}' must be positive; use a value above 0, such as 2, the default");

    public static readonly DiagnosticDescriptor AlphaNotAboveBeta = Error(
        "GL0046", "Alpha not above beta",
        "alpha = {0} is not greater than beta = {1} in {2}; the construction needs alpha > beta, so raise alpha or lower beta");

    public static readonly DiagnosticDescriptor BetaNotPositive = Error(
        "GL0047", "Beta not positive",
        "beta = {0} in {1} must be positive; set beta above 0, such as 3, the default");

    public static readonly DiagnosticDescriptor InitialStateLengthMismatch = Error(
        "GL0048", "Initial state of the wrong length",
        "init of block '{0}' has {1}, but the block has {2}; give one value per neuron, or a single number for all of them");

    public static readonly DiagnosticDescriptor OneHotMemorySizeMismatch = Error(
        "GL0049", "One-hot memory size is not S·K",
        "memory block '{0}' has size {1}, but its one-hot code needs K neurons per step, S·K = {2}·{3} = {4}; set 'size = S * K'");

    // Network structure and readout.

    public static readonly DiagnosticDescriptor MissingBlock = Error(
        "GL0050", "Missing block",
        "network '{0}' has no {1} block; the binary copy-memory construction needs exactly one memory, one clock and one switch block, so add one such as '{2}'");

    public static readonly DiagnosticDescriptor RepeatedBlock = Error(
        "GL0051", "Repeated block kind",
        "network '{0}' has {1} {2} blocks ({3}); the binary copy-memory construction needs exactly one, so remove all but one");

    public static readonly DiagnosticDescriptor UnsupportedSymbolCount = Error(
        "GL0052", "Signed memory code with K other than 2",
        "memory block '{0}' has code = signed, which stores only A and B, but task '{1}' has K = {2}; use code = one_hot or set K = 2 in the task");

    public static readonly DiagnosticDescriptor ReadoutUnknownBlock = Error(
        "GL0053", "Readout names an unknown block",
        "readout names '{0}', which is not a block of network '{1}'; {2}");

    public static readonly DiagnosticDescriptor ReadoutMissingBlock = Error(
        "GL0054", "Readout leaves out a block",
        "readout of network '{0}' leaves out block '{1}'; the binary copy-memory construction reads all three blocks, so add '{1}' to the readout");

    public static readonly DiagnosticDescriptor ReadoutRepeatedBlock = Error(
        "GL0055", "Readout repeats a block",
        "readout names block '{0}' more than once; remove the repeat");

    public static readonly DiagnosticDescriptor ReadoutBlockNotReadable = Error(
        "GL0056", "Readout names a block without outputs",
        "readout names '{0}', a {1} block, which the readout cannot read; read memory, clock, switch and shift_register blocks, and drive gates with the {1} instead");

    public static readonly DiagnosticDescriptor ReadoutMixesKinds = Error(
        "GL0057", "Readout mixes shift registers with other blocks",
        "readout of network '{0}' reads the shift register '{1}' and the block '{2}', but a shift register sets the blank output from its own present bit; read either shift registers or memory, clock and switch blocks");

    public static readonly DiagnosticDescriptor ReadoutNegatedBlock = Error(
        "GL0058", "Readout negates a clock or switch",
        "readout negates '{0}', a {1} block, but only memory and shift_register blocks can be read with the opposite sign; remove the '-'");

    // Compiler limits, checked before anything of that size is allocated.

    public static readonly DiagnosticDescriptor TooManySymbols = Error(
        "GL0060", "Too many symbols",
        "K = {0} in task '{1}' is above the limit of {2} symbols (CompilerLimits.MaxSymbols); use fewer symbols");

    public static readonly DiagnosticDescriptor TrialTooLong = Error(
        "GL0061", "Trial too long",
        "task '{0}' has trials of up to 2S + T.max = {1} steps, above the limit of {2} (CompilerLimits.MaxTrialLength); lower S or T.max");

    public static readonly DiagnosticDescriptor HiddenSizeTooLarge = Error(
        "GL0062", "Hidden state too large",
        "network '{0}' has {1} hidden neurons, above the limit of {2} (CompilerLimits.MaxHiddenSize); use a shorter sequence length S");

    // Warnings.

    public static readonly DiagnosticDescriptor UnusedLet = Warning(
        "GL0070", "Unused let",
        "let '{0}' is never used; remove it or use it in a setting");

    public static readonly DiagnosticDescriptor EmptySpec = Warning(
        "GL0071", "Empty spec",
        "the spec declares no task and no network; add a 'task' or 'network' declaration");

    public static readonly DiagnosticDescriptor MemoryCannotSeparate = Warning(
        "GL0072", "Memory values too close to separate",
        "memory block '{0}' is expected to fail: {1}; the largest S these values separate is {2}, so {3}");

    public static readonly DiagnosticDescriptor GainTooSmall = Warning(
        "GL0073", "Gain too small to saturate",
        "{0} block '{1}' is expected to fail: {2}; raise alpha to at least {3}");

    // Train sections.

    public static readonly DiagnosticDescriptor InvalidChoice = Error(
        "GL0080", "Invalid choice",
        "'{0}' is not a valid value of '{1}'; {2}");

    public static readonly DiagnosticDescriptor TrainingValueOutOfRange = Error(
        "GL0081", "Training value out of range",
        "{0} = {1} in the train section of network '{2}' is out of range; {3}");

    public static readonly DiagnosticDescriptor SyntheticInitWithoutBlocks = Error(
        "GL0082", "Synthetic initialisation without blocks",
        "init = synthetic in network '{0}' starts from the compiled weights of its blocks, but the network declares none; declare its memory, clock and switch blocks, or use init = default");

    public static readonly DiagnosticDescriptor SyntheticInitShapeMismatch = Error(
        "GL0083", "Synthetic initialisation of another shape",
        "init = synthetic in network '{0}' needs {1}, but the train section sets {2}; {3}");

    public static readonly DiagnosticDescriptor MissingHiddenSize = Error(
        "GL0084", "Hidden size missing",
        "the train section of network '{0}' needs 'hidden', because the network has no blocks to take the size from; add a setting such as 'hidden = 64'");

    // Signals and references between blocks.

    public static readonly DiagnosticDescriptor CallNotANumber = Error(
        "GL0090", "Signal used as a number",
        "'{0}' is a signal, not a number; any(...) and all(...) are allowed only as the value of a signal setting (on, set, reset, flip, shift, clear)");

    public static readonly DiagnosticDescriptor UnknownSignal = Error(
        "GL0091", "Unknown signal name",
        "unknown name '{0}' in setting '{1}' of block '{2}'; {3}");

    public static readonly DiagnosticDescriptor SignalBlockTooLarge = Error(
        "GL0092", "Signal names a block of several neurons",
        "'{0}' in setting '{1}' of block '{2}' is a {3} block, but a gate can read only a one-neuron latch, toggle or switch block; name such a block or an input");

    public static readonly DiagnosticDescriptor InvalidSignal = Error(
        "GL0093", "Invalid signal",
        "'{0}' is not a signal in setting '{1}' of block '{2}'; write a name, a negated name such as '-dec', or any(...) or all(...) of them");

    public static readonly DiagnosticDescriptor SignalNotAllowed = Error(
        "GL0094", "Signal not allowed here",
        "'{0}' is not allowed in setting '{1}' of block '{2}'; {3}");

    public static readonly DiagnosticDescriptor ClockExpected = Error(
        "GL0095", "Clock expected",
        "'{0}' of block '{1}' must name a clock block, but '{2}' is {3}; {4}");

    // Overrides.

    public static readonly DiagnosticDescriptor UnknownOverrideTarget = Error(
        "GL0100", "Unknown override target",
        "unknown override target '{0}'; {1}");

    public static readonly DiagnosticDescriptor OverrideSelectorCount = Error(
        "GL0101", "Wrong number of override selectors",
        "'{0}' takes {1}, found {2}; write it as '{3}'");

    public static readonly DiagnosticDescriptor UnknownOverrideName = Error(
        "GL0102", "Unknown name in an override",
        "'{0}' in override '{1}' is not {2}; {3}");

    public static readonly DiagnosticDescriptor OverrideIndexInvalid = Error(
        "GL0103", "Invalid override index",
        "'{0}' in override '{1}' selects no neurons: {2}");

    /// <summary>Every descriptor above, in code order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    private static DiagnosticDescriptor Error(string code, string title, string messageFormat) =>
        new(code, DiagnosticSeverity.Error, title, messageFormat);

    private static DiagnosticDescriptor Warning(string code, string title, string messageFormat) =>
        new(code, DiagnosticSeverity.Warning, title, messageFormat);

    private static IReadOnlyList<DiagnosticDescriptor> CollectDescriptors() =>
        typeof(DiagnosticCatalog)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .OrderBy(descriptor => descriptor.Code, StringComparer.Ordinal)
            .ToList();
}
