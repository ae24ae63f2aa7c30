namespace GateLang.Model;

/// <summary>
/// A dense row-major matrix of doubles, the storage of every compiled weight.
/// </summary>
public sealed class Matrix
{
    public Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        Data = new double[rows * columns];
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Row-major values: entry (i, j) is at <c>i * Columns + j</c>.</summary>
    public double[] Data { get; }

    public double this[int row, int column]
    {
        get => Data[Index(row, column)];
        set => Data[Index(row, column)] = value;
    }

    public Matrix Clone()
    {
        var copy = new Matrix(Rows, Columns);
        Data.CopyTo(copy.Data, 0);
        return copy;
    }

    private int Index(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(
                nameof(row), $"Entry ({row}, {column}) is outside a {Rows}x{Columns} matrix.");
        }

        return row * Columns + column;
    }
}
