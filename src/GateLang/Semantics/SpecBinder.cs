using GateLang.Diagnostics;
using GateLang.Ir;
using GateLang.Syntax;

namespace GateLang.Semantics;

/// <summary>
/// Binds a whole spec: reports duplicate task and network names, then binds every task and
/// every network. Networks may refer to tasks declared after them.
/// </summary>
internal sealed class SpecBinder(DiagnosticBag diagnostics)
{
    public (IReadOnlyList<TaskDefinition> Tasks, IReadOnlyList<NetworkDefinition> Networks) Bind(SpecSyntax spec)
    {
        if (spec.Declarations.Count == 0)
        {
            diagnostics.Report(DiagnosticCatalog.EmptySpec, spec.Location with { Line = 1, Column = 1 });
        }

        var taskSyntaxes = RejectDuplicates(spec.Tasks, DiagnosticCatalog.DuplicateTask);
        var networkSyntaxes = RejectDuplicates(spec.Networks, DiagnosticCatalog.DuplicateNetwork);

        var taskBinder = new TaskBinder(diagnostics);
        var boundTasks = new Dictionary<string, BoundTask>(StringComparer.Ordinal);
        var tasks = new List<TaskDefinition>();
        foreach (var task in spec.Tasks)
        {
            var bound = taskBinder.Bind(task);
            if (!taskSyntaxes.Contains(task))
            {
                continue;
            }

            boundTasks.Add(task.Name.Text, bound);
            if (bound.Definition is { } definition)
            {
                tasks.Add(definition);
            }
        }

        var networkNames = spec.Networks.Select(network => network.Name.Text).ToHashSet(StringComparer.Ordinal);
        var networkBinder = new NetworkBinder(diagnostics, boundTasks, networkNames);
        var networks = new List<NetworkDefinition>();
        foreach (var network in spec.Networks)
        {
            if (networkBinder.Bind(network) is { } definition && networkSyntaxes.Contains(network))
            {
                networks.Add(definition);
            }
        }

        return (tasks, networks);
    }

    /// <summary>
    /// Reports every declaration whose name an earlier one already has, and returns the
    /// declarations that keep their name: the first of each.
    /// </summary>
    private HashSet<T> RejectDuplicates<T>(IEnumerable<T> declarations, DiagnosticDescriptor duplicate)
        where T : DeclarationSyntax
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            if (first.TryGetValue(declaration.Name.Text, out var earlier))
            {
                var location = earlier.Name.Location;
                diagnostics.Report(duplicate, declaration.Name.Location, declaration.Name.Text, location.Line, location.Column);
            }
            else
            {
                first.Add(declaration.Name.Text, declaration);
            }
        }

        return new HashSet<T>(first.Values, ReferenceEqualityComparer.Instance);
    }
}
