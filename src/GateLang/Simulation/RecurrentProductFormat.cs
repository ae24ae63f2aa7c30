namespace GateLang.Simulation;

/// <summary>How <see cref="BatchGruSimulator{T}"/> stores W_hh for the recurrent product.</summary>
public enum RecurrentProductFormat
{
    /// <summary>Sparse when at most a third of the entries of W_hh are non-zero, dense otherwise.</summary>
    Auto,

    /// <summary>Row-major, every entry multiplied.</summary>
    Dense,

    /// <summary>Compressed sparse rows: only the non-zero entries, in increasing column order.</summary>
    Sparse,
}
