using System;
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
        // Hint names are compared ignoring case (files may land on a case-insensitive disk): the second of two types
        // whose names differ only by case, or a namespace spelled like a nested type, gets a numbered name.
        var hints = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var groups = methods.Where(m => m.Hierarchy.Types.All(t => t.IsPartial))
            .GroupBy(m => m.Hierarchy.Identity, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var members = group.ToList();
            var targets = new HashSet<(string, int)>(members.Where(m => m.IsGenerated && m.IsInterceptable).Select(m => (m.Name, m.Ordinal)));
            var calls = interceptions
                .Where(i => i.Referenced is null && i.TypeIdentity == group.Key && targets.Contains((i.MethodName, i.Ordinal)))
                .ToEquatableArray();
            files.Add(new TypeFileModel(UniqueHint(hints, members[0].Hierarchy.HintName), members[0].Hierarchy, members.ToEquatableArray(), calls));
        }
        return files.ToImmutable();
    }

    private static string UniqueHint(HashSet<string> taken, string hint)
    {
        const string suffix = ".LoopGen.g.cs";
        var stem = hint.Substring(0, hint.Length - suffix.Length);
        var candidate = hint;
        for (int k = 2; !taken.Add(candidate); k++) candidate = stem + "_" + k + suffix;
        return candidate;
    }
}
