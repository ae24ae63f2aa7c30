using System.Globalization;

namespace GateLang.Semantics;

/// <summary>Formatting shared by diagnostic arguments: numbers, counts and lists of names.</summary>
internal static class MessageText
{
    private const int MaxExcerptLength = 60;

    /// <summary>Formats a number in the invariant culture with the fewest digits that round-trip.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "infinity",
        double.NegativeInfinity => "-infinity",
        double.NaN => "not a number",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Formats a count with its noun, such as "1 value" or "3 values".</summary>
    public static string Count(long count, string singular, string plural) =>
        count == 1 ? $"1 {singular}" : $"{count.ToString(CultureInfo.InvariantCulture)} {plural}";

    /// <summary>Joins names as "a", "a and b" or "a, b and c".</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    /// <summary>Joins names as "a", "a or b" or "a, b or c".</summary>
    public static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}",
    };

    /// <summary>
    /// Shortens source text quoted in a message to its first <see cref="MaxExcerptLength"/>
    /// characters, so that a long list or expression does not flood the output.
    /// </summary>
    public static string Excerpt(string text) =>
        text.Length <= MaxExcerptLength ? text : string.Concat(text.AsSpan(0, MaxExcerptLength), "...");

    /// <summary>Joins names in quotes, as "'a', 'b' and 'c'".</summary>
    public static string JoinQuoted(IEnumerable<string> items) => JoinAnd(items.Select(item => $"'{item}'").ToList());
}
