using System.Globalization;
using System.Text.RegularExpressions;
using GateLang.Diagnostics;
using GateLang.Tests.TestSupport;

namespace GateLang.Tests.Semantics;

public sealed partial class DiagnosticCatalogTests
{
    [Fact]
    public void Codes_AreUniqueAndWellFormed()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(CodePattern(), code));
    }

    [Fact]
    public void Catalog_ListsEveryDescriptorField()
    {
        // All is collected by reflection, so this guards against a descriptor declared as a property.
        Assert.True(DiagnosticCatalog.All.Count >= 50, $"Only {DiagnosticCatalog.All.Count} descriptors were found.");
        Assert.Contains(DiagnosticCatalog.UnknownName, DiagnosticCatalog.All);
        Assert.Contains(DiagnosticCatalog.EmptySpec, DiagnosticCatalog.All);
    }

    [Fact]
    public void EveryCode_IsExercisedByACase()
    {
        var exercised = DiagnosticCases.All.Select(c => c.Code).ToHashSet();

        var missing = DiagnosticCatalog.All.Select(d => d.Code).Where(code => !exercised.Contains(code));

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryCaseCode_IsInCatalog()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToHashSet();

        Assert.All(DiagnosticCases.All, c => Assert.Contains(c.Code, codes));
    }

    [Fact]
    public void Templates_FormatWithTheirPlaceholders()
    {
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var placeholders = PlaceholderPattern().Matches(descriptor.MessageFormat)
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .ToList();
            var count = placeholders.Count == 0 ? 0 : placeholders.Max() + 1;
            var arguments = Enumerable.Range(0, count).Select(i => (object)$"<{i}>").ToArray();

            var message = descriptor.Create(SourceLocation.None, arguments).Message;

            Assert.Equal(Enumerable.Range(0, count), placeholders.Distinct().Order());
            Assert.DoesNotContain("{", message.Replace("'{'", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.False(message.EndsWith('.'), $"{descriptor.Code} ends with a period: {message}");
        }
    }

    [Fact]
    public void Diagnostic_FormatsLikeACompiler()
    {
        var location = new SourceLocation("specs/copy.gate", 4, 5, 3);

        var error = DiagnosticCatalog.UnknownName.Create(location, "gian", "did you mean 'gain'?");
        var warning = DiagnosticCatalog.UnusedLet.Create(location, "spare");

        Assert.Equal("specs/copy.gate(4,5): error GL0010: unknown name 'gian'; did you mean 'gain'?", error.ToString());
        Assert.Equal("specs/copy.gate(4,5): warning GL0070: let 'spare' is never used; remove it or use it in a setting", warning.ToString());
    }

    [Fact]
    public void LanguageDoc_ListsEveryCode()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md"));

        var missing = DiagnosticCatalog.All.Select(d => d.Code).Where(code => !doc.Contains($"| {code} |", StringComparison.Ordinal));

        Assert.Empty(missing);
    }

    [GeneratedRegex("^GL[0-9]{4}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(?<!\{)\{([0-9]+)\}")]
    private static partial Regex PlaceholderPattern();
}
