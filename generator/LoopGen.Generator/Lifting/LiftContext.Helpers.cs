using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>What the lifting of one method learns about helpers called with traced numbers (see <see cref="TracedHelpers"/>).</summary>
internal sealed partial class LiftContext
{
    /// <summary>Each call of a helper that a traced number is passed to: its traced twin, or null when it cannot have one (already reported).</summary>
    public Dictionary<InvocationExpressionSyntax, HelperTwin?> HelperCalls { get; } = new();

    /// <summary>The helper twins the method's twin declares (one per helper and set of traced parameters), in order.</summary>
    public List<HelperTwin> HelperTwins { get; } = new();

    /// <summary>The methods whose lifting led to this one (the callers of a helper twin, outermost first): a helper calling back is recursion.</summary>
    public List<IMethodSymbol> HelperCallers { get; } = new();

    /// <summary>The names the functions around a helper twin declare (its callers' locals and parameters): a member the twin reads by such a name would bind to them.</summary>
    public HashSet<string> HelperScopeNames { get; } = new(System.StringComparer.Ordinal);
}
