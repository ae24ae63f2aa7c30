using GateLang.Diagnostics;

namespace GateLang.Semantics;

/// <summary>Where a named value comes from, which decides how diagnostics describe it.</summary>
internal enum NamedValueKind
{
    /// <summary>A task setting: K, S, T or seed.</summary>
    TaskField,

    /// <summary>A network setting usable in expressions: alpha or beta.</summary>
    NetworkSetting,

    /// <summary>A <c>let</c> declaration of a network.</summary>
    Let,
}

/// <summary>
/// A value that expressions can refer to by name. A null <see cref="Value"/>, or a null
/// <see cref="Min"/> or <see cref="Max"/> of a range, means the value is unknown because its
/// definition had an error that was already reported, so uses of it report nothing more.
/// </summary>
internal sealed class NamedValue(string name, NamedValueKind kind, SourceLocation location)
{
    public string Name { get; } = name;

    public NamedValueKind Kind { get; } = kind;

    /// <summary>Where the value is defined, or <see cref="SourceLocation.None"/> for defaults.</summary>
    public SourceLocation Location { get; } = location;

    public bool IsRange { get; private init; }

    public double? Value { get; private init; }

    public double? Min { get; private init; }

    public double? Max { get; private init; }

    public bool IsUsed { get; set; }

    public static NamedValue Number(string name, NamedValueKind kind, SourceLocation location, double? value) =>
        new(name, kind, location) { Value = value };

    public static NamedValue Range(string name, NamedValueKind kind, SourceLocation location, double? min, double? max) =>
        new(name, kind, location) { IsRange = true, Min = min, Max = max };
}

/// <summary>
/// The names visible at one point of a task or network body. A name is visible after the
/// statement that defines it. Names defined further down are recorded too, so that a use
/// before the definition gets its own diagnostic instead of "unknown name".
/// </summary>
internal sealed class ValueScope
{
    private readonly Dictionary<string, NamedValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _definedLater = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedBeforeDefinition = new(StringComparer.Ordinal);

    public IEnumerable<NamedValue> Values => _values.Values;

    /// <summary>
    /// Makes <paramref name="value"/> visible. A value that was already referenced before this
    /// point, which was reported as a use before definition, counts as used.
    /// </summary>
    public void Define(NamedValue value)
    {
        _values[value.Name] = value;
        _definedLater.Remove(value.Name);
        if (_usedBeforeDefinition.Contains(value.Name))
        {
            value.IsUsed = true;
        }
    }

    /// <summary>Records that <paramref name="name"/> will be defined at <paramref name="location"/>.</summary>
    public void DeclareLater(string name, SourceLocation location) => _definedLater.TryAdd(name, location);

    public NamedValue? Find(string name) => _values.GetValueOrDefault(name);

    /// <summary>
    /// Returns where <paramref name="name"/> is defined further down, or null when it is not,
    /// and records the early use so that the definition does not count as unused.
    /// </summary>
    public SourceLocation? FindLaterDefinition(string name)
    {
        if (!_definedLater.TryGetValue(name, out var location))
        {
            return null;
        }

        _usedBeforeDefinition.Add(name);
        return location;
    }

    /// <summary>The names usable in an expression here, ranges as <c>T.min</c> and <c>T.max</c>.</summary>
    public IReadOnlyList<string> DisplayNames() =>
        _values.Values
            .SelectMany(value => value.IsRange ? [$"{value.Name}.min", $"{value.Name}.max"] : new[] { value.Name })
            .ToList();

    /// <summary>Every name a misspelling could refer to: those visible now and those defined later.</summary>
    public IEnumerable<string> SuggestionCandidates() => _values.Keys.Concat(_definedLater.Keys);
}
