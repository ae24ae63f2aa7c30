using GateLang.Diagnostics;
using GateLang.Model;

namespace GateLang.Ir;

/// <summary>The compiled parameter an override changes.</summary>
public enum OverrideParameter
{
    /// <summary><c>GATE.ih</c>: rows of W_ih for one gate, columns are inputs.</summary>
    InputWeight,

    /// <summary><c>GATE.hh</c>: rows of W_hh for one gate, columns are hidden neurons.</summary>
    HiddenWeight,

    /// <summary><c>GATE.bias_ih</c>: entries of b_ih for one gate.</summary>
    InputBias,

    /// <summary><c>GATE.bias_hh</c>: entries of b_hh for one gate.</summary>
    HiddenBias,

    /// <summary><c>readout</c>: rows are output classes, columns are hidden neurons.</summary>
    ReadoutWeight,

    /// <summary><c>readout.bias</c>: entries are output classes.</summary>
    ReadoutBias,
}

/// <summary>
/// A bound <c>override</c>: set or scale the entries at <see cref="Rows"/> × <see cref="Columns"/>
/// of one parameter. Rows are hidden neurons (gate parameters) or output classes (readout);
/// a bias has no columns.
/// </summary>
/// <param name="Gate">The gate whose row block is changed; null for the readout.</param>
/// <param name="Scale">True for <c>*=</c>, false for <c>=</c>.</param>
/// <param name="Text">The override as written, for messages and dumps.</param>
public sealed record WeightOverride(
    OverrideParameter Parameter,
    Gate? Gate,
    IReadOnlyList<int> Rows,
    IReadOnlyList<int> Columns,
    bool Scale,
    double Value,
    string Text,
    SourceLocation Location);
