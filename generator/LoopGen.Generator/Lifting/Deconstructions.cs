using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Deconstructions of traced values: <c>var (c, v) = s;</c> of a carried tuple holding numbers, and swaps of carries,
/// <c>(a, b) = (b, a + b);</c>. Each variable the deconstruction writes is a leaf; a leaf written from a traced value is
/// traced itself (a 0-d tensor in the twin), and a traced leaf written from a tuple in place gets its value converted
/// as C# converts it (the rewriter's part, <c>Rewriting/TwinRewriter.Deconstructions</c>).
/// </summary>
internal static class Deconstructions
{
    /// <summary>One variable a deconstruction writes (null for a discard), with the expression or designation naming it.</summary>
    internal readonly record struct Leaf(SyntaxNode Node, ISymbol? Symbol);

    /// <summary><c>(a, b) = …</c> or <c>var (a, b) = …</c>.</summary>
    public static bool Is(AssignmentExpressionSyntax a) =>
        Parens.Strip(a.Left) is TupleExpressionSyntax or DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax };

    /// <summary>The deconstruction whose left or right side holds <paramref name="node"/> directly or in nested tuples.</summary>
    public static AssignmentExpressionSyntax? Around(SyntaxNode node)
    {
        var n = Parens.Outermost(node);
        while (true)
        {
            switch (n.Parent)
            {
                case AssignmentExpressionSyntax a when Is(a):
                    return a;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    n = Parens.Outermost(tuple);
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>The leaves of a deconstruction's left side, in order, nested tuples flattened.</summary>
    public static List<Leaf> Leaves(SemanticModel model, ExpressionSyntax left)
    {
        var leaves = new List<Leaf>();
        AddLeaves(model, Parens.Strip(left), leaves);
        return leaves;
    }

    private static void AddLeaves(SemanticModel model, ExpressionSyntax target, List<Leaf> leaves)
    {
        switch (target)
        {
            case TupleExpressionSyntax t:
                foreach (var arg in t.Arguments) AddLeaves(model, Parens.Strip(arg.Expression), leaves);
                break;
            case DeclarationExpressionSyntax d:
                AddDesignation(model, d.Designation, leaves);
                break;
            case IdentifierNameSyntax { Identifier.ValueText: "_" } discard when model.GetSymbolInfo(discard).Symbol is null or IDiscardSymbol:
                leaves.Add(new Leaf(discard, null));
                break;
            default:
                leaves.Add(new Leaf(target, model.GetSymbolInfo(target).Symbol));
                break;
        }
    }

    private static void AddDesignation(SemanticModel model, VariableDesignationSyntax designation, List<Leaf> leaves)
    {
        switch (designation)
        {
            case ParenthesizedVariableDesignationSyntax p:
                foreach (var inner in p.Variables) AddDesignation(model, inner, leaves);
                break;
            case SingleVariableDesignationSyntax s:
                leaves.Add(new Leaf(s, model.GetDeclaredSymbol(s)));
                break;
            default:
                leaves.Add(new Leaf(designation, null));
                break;
        }
    }

    /// <summary>
    /// The value each leaf gets when the right side is a tuple written in place of the same shape (nested tuples too),
    /// or null when it is not (a variable, a call): then each leaf gets an element of its value.
    /// </summary>
    public static List<ExpressionSyntax>? ValuesInPlace(ExpressionSyntax left, ExpressionSyntax right)
    {
        var values = new List<ExpressionSyntax>();
        return AddValues(Parens.Strip(left), Parens.Strip(right), values) ? values : null;
    }

    /// <summary>The parts of a tuple target (<c>(a, b)</c>, <c>var (a, b)</c>, <c>(a, b)</c> designation), or null for a single target.</summary>
    public static List<SyntaxNode>? TargetsOf(SyntaxNode target) => target switch
    {
        TupleExpressionSyntax t => t.Arguments.Select(a => (SyntaxNode)Parens.Strip(a.Expression)).ToList(),
        DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax p } => p.Variables.Cast<SyntaxNode>().ToList(),
        ParenthesizedVariableDesignationSyntax p => p.Variables.Cast<SyntaxNode>().ToList(),
        _ => null,
    };

    private static bool AddValues(SyntaxNode target, ExpressionSyntax value, List<ExpressionSyntax> values)
    {
        var targets = TargetsOf(target);
        if (targets is null)
        {
            values.Add(value);
            return true;
        }
        if (value is not TupleExpressionSyntax literal || literal.Arguments.Count != targets.Count) return false;
        for (int k = 0; k < targets.Count; k++)
        {
            if (!AddValues(targets[k], Parens.Strip(literal.Arguments[k].Expression), values)) return false;
        }
        return true;
    }

    /// <summary>Marks the leaves written from traced values as traced; true when one was added.</summary>
    public static bool Propagate(LiftContext ctx, AssignmentExpressionSyntax a)
    {
        var leaves = Leaves(ctx.Model, a.Left);
        var values = ValuesInPlace(a.Left, a.Right);
        bool changed = false;
        for (int k = 0; k < leaves.Count; k++)
        {
            if (leaves[k].Symbol is not { } s || !LoopAnalysis.IsVariable(s) || ctx.Traced.Contains(s)) continue;
            if (!LoopAnalysis.IsPrimitive(LoopAnalysis.TypeOf(s)) && !NumberTuples.Is(ctx, LoopAnalysis.TypeOf(s))) continue;
            var value = values is null ? a.Right : values[k];
            if (TracedTypes.IsTraced(ctx, value)) changed |= ctx.Traced.Add(s);
        }
        return changed;
    }

    /// <summary>
    /// Whether the twin can write this deconstruction: every leaf that receives a traced value is traced or a tensor;
    /// a whole value deconstructed (not a tuple in place) gives each traced number leaf an element of its own type.
    /// </summary>
    public static bool Lifts(LiftContext ctx, AssignmentExpressionSyntax a)
    {
        var leaves = Leaves(ctx.Model, a.Left);
        var values = ValuesInPlace(a.Left, a.Right);
        var elements = values is null ? Elements(ctx.Model.GetTypeInfo(a.Right).Type) : null;
        if (values is null && (elements is null || elements.Count != leaves.Count)) return false;
        for (int k = 0; k < leaves.Count; k++)
        {
            if (leaves[k].Symbol is not { } s) continue; // a discard
            var type = LoopAnalysis.TypeOf(s);
            bool traced = ctx.Traced.Contains(s);
            bool tensorLike = ctx.IsTensor(type) || LoopAnalysis.IsTensorTuple(ctx, type);
            if (values is not null)
            {
                if (!traced && !tensorLike && TracedTypes.IsTraced(ctx, values[k])) return false;
                continue;
            }
            // From a whole value: the twin's element must be the leaf's twin type (a number as a 0-d tensor of its type).
            if (traced && !SymbolEqualityComparer.Default.Equals(type, elements![k]) && !(Widens(elements[k], type) && IsPlainRead(a.Right))) return false;
            if (!traced && !tensorLike && TracedTypes.IsTraced(ctx, a.Right)) return false;
        }
        return true;
    }

    /// <summary>
    /// C#'s implicit numeric widening between the numbers the twin holds (<c>int</c> → <c>long</c>, <c>float</c>,
    /// <c>double</c>; <c>long</c> → <c>float</c>, <c>double</c>; <c>float</c> → <c>double</c>): a deconstruction of a
    /// whole value converts such an element as C# does (<c>(long c, Tensor v) = s</c> with an <c>int</c> element).
    /// </summary>
    public static bool Widens(ITypeSymbol from, ITypeSymbol? to) => (from.SpecialType, to?.SpecialType) switch
    {
        (SpecialType.System_Int32, SpecialType.System_Int64 or SpecialType.System_Single or SpecialType.System_Double) => true,
        (SpecialType.System_Int64, SpecialType.System_Single or SpecialType.System_Double) => true,
        (SpecialType.System_Single, SpecialType.System_Double) => true,
        _ => false,
    };

    /// <summary>A variable or a field of one (<c>s</c>, <c>cfg.Inner</c>): read twice by the twin's converted copy, it gives the same value.</summary>
    public static bool IsPlainRead(ExpressionSyntax e) => Parens.Strip(e) switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax m => IsPlainRead(m.Expression),
        _ => false,
    };

    /// <summary>The element types of a (nested) tuple type, flattened like <see cref="Leaves"/>; null for other types.</summary>
    public static List<ITypeSymbol>? Elements(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { IsTupleType: true } tuple) return null;
        return tuple.TupleElements.Select(e => e.Type).ToList();
    }
}
