using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A <c>switch</c> expression on a number the compiled code computes: <c>(i % 3) switch { 0 => a, 1 or 2 => b, &lt; 0 => c,
/// _ => d }</c> becomes nested <c>Tensor.Where</c>s, tested in order like the arms. Only arms a select can express lift:
/// constant and relational patterns joined by <c>or</c> / <c>and</c>, without <c>when</c>, ending with the discard arm (without it C# throws
/// when nothing matches, which a select cannot do); anything else stays a diagnostic.
/// </summary>
internal static class TracedSwitch
{
    public static bool Supported(SwitchExpressionSyntax sw) =>
        sw.Arms.Count > 0 && sw.Arms[sw.Arms.Count - 1].Pattern is DiscardPatternSyntax
        && sw.Arms.All(a => a.WhenClause is null && (a.Pattern is DiscardPatternSyntax || Testable(a.Pattern)))
        && sw.Arms.Take(sw.Arms.Count - 1).All(a => a.Pattern is not DiscardPatternSyntax);

    private static bool Testable(PatternSyntax p) => p switch
    {
        ConstantPatternSyntax => true,
        RelationalPatternSyntax => true,
        BinaryPatternSyntax b => Testable(b.Left) && Testable(b.Right),
        ParenthesizedPatternSyntax q => Testable(q.Pattern),
        _ => false,
    };
}
