using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LoopGen.Generator.Model;
using LoopGen.Generator.Parsing;

namespace LoopGen.Generator.Emission;

/// <summary>Gathers the methods and calls into one <see cref="TypeFileModel"/> per containing type.</summary>
internal static class TypeFileGrouper
{
    /// <summary>
    /// One file per type that can be reopened (every containing type partial). Interceptions are kept only for
    /// methods that are generated and reachable, so an interceptor never names a missing entry.
    /// </summary>
    public static ImmutableArray<TypeFileModel> Group(ImmutableArray<CompiledMethodModel> methods, ImmutableArray<InterceptionModel> interceptions)
    {
        var files = ImmutableArray.CreateBuilder<TypeFileModel>();
        foreach (var group in methods.Where(m => m.Hierarchy.Types.All(t => t.IsPartial)).GroupBy(m => m.Hierarchy.HintName))
        {
            var members = group.ToList();
            var targets = new HashSet<(string, int)>(members.Where(m => m.IsGenerated && m.IsInterceptable).Select(m => (m.Name, m.Ordinal)));
            var calls = interceptions
                .Where(i => i.HintName == group.Key && targets.Contains((i.MethodName, i.Ordinal)))
                .ToEquatableArray();
            files.Add(new TypeFileModel(
                group.Key,
                members[0].Hierarchy,
                members.ToEquatableArray(),
                calls));
        }
        return files.ToImmutable();
    }
}
