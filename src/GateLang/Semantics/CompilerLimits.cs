namespace GateLang.Semantics;

/// <summary>
/// Upper bounds on what a spec may ask for. The front end checks them before anything of that
/// size is allocated, so an oversized spec gets a diagnostic instead of an out-of-memory crash.
/// </summary>
public static class CompilerLimits
{
    /// <summary>Maximum number of hidden neurons in one network, summed over its blocks.</summary>
    public const int MaxHiddenSize = 4096;

    /// <summary>Maximum number of steps in one trial, 2S + T.max.</summary>
    public const int MaxTrialLength = 1_000_000;

    /// <summary>Maximum number of symbols K of a task, which bounds the one-hot input width K + 2.</summary>
    public const int MaxSymbols = 4096;

    /// <summary>Largest trial seed, 2^31 − 1. Seeds run from 0 to this value.</summary>
    public const int MaxSeed = int.MaxValue;

    /// <summary>
    /// Maximum length of a spec in UTF-16 characters. It keeps room for an initial state list
    /// of <see cref="MaxHiddenSize"/> values written with full double precision many times over.
    /// </summary>
    public const int MaxSourceLength = 4 * 1024 * 1024;

    /// <summary>
    /// Maximum number of operators and parentheses in one expression. The parser, the syntax
    /// tree and the evaluator recurse once per nesting level, so this bound keeps their
    /// recursion far from the end of a thread's stack.
    /// </summary>
    public const int MaxExpressionOperators = 256;
}
