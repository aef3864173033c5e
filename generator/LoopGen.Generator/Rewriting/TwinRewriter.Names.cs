using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Names in the twin are bound as the user's code bound them, without the user's usings: every type is written fully
/// qualified, every static member reached by a simple name (its own type, a base type, <c>using static</c>) through its
/// type, and extension methods as static calls. The generated file then needs no <c>using</c> at all, so a partial type
/// split over files with different usings or aliases just works.
/// </summary>
internal sealed partial class TwinRewriter
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <inheritdoc/>
    public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
        QualifiedName(node) ?? base.VisitIdentifierName(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitGenericName(GenericNameSyntax node) =>
        QualifiedName(node) ?? base.VisitGenericName(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitQualifiedName(QualifiedNameSyntax node) =>
        TypeName(node) ?? base.VisitQualifiedName(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitAliasQualifiedName(AliasQualifiedNameSyntax node) =>
        TypeName(node) ?? base.VisitAliasQualifiedName(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitMemberAccessExpression(MemberAccessExpressionSyntax node)
    {
        // System.Math, Outer.Inner, alias.Type: a member access that names a type is the type.
        if (TypeName(node) is { } type) return type;
        if (StaticFieldRead(node) is { } read) return read;
        if (node.Name is SimpleNameSyntax name && CompiledCallee(name) is { } entry && node.Parent is InvocationExpressionSyntax)
        {
            return node.WithExpression(E(node.Expression)).WithName(entry);
        }
        return base.VisitMemberAccessExpression(node);
    }

    /// <summary>A type named by any syntax: its fully qualified name.</summary>
    private TypeSyntax? TypeName(ExpressionSyntax node)
    {
        if (IsDeclarationName(node)) return null;
        var symbol = Bound(node);
        if (symbol is not ITypeSymbol type || type is ITypeParameterSymbol or IErrorTypeSymbol || type.TypeKind == TypeKind.Dynamic) return null;
        if (type is INamedTypeSymbol { IsTupleType: true }) return null; // written as a tuple type; its elements are qualified one by one
        return QualifiedType(type);
    }

    /// <summary>A simple name: a type, a static member reached without its type, or a call of another [Compile] method.</summary>
    private ExpressionSyntax? QualifiedName(SimpleNameSyntax node)
    {
        if (node.IsVar || node is IdentifierNameSyntax { Identifier.ValueText: "var" or "dynamic" or "nint" or "nuint" or "nameof" or "unmanaged" or "notnull" }) return null;
        if (IsMemberName(node) || IsDeclarationName(node)) return null;
        if (TypeName(node) is { } type) return type;
        var symbol = Bound(node);
        var entry = CompiledCallee(node);
        if (symbol is null || !IsStaticMember(symbol))
        {
            return entry;
        }
        SimpleNameSyntax name = entry ?? node switch
        {
            GenericNameSyntax g => SyntaxFactory.GenericName(g.Identifier.WithoutTrivia(), (TypeArgumentListSyntax)Visit(g.TypeArgumentList)!),
            _ => SyntaxFactory.IdentifierName(node.Identifier.WithoutTrivia()),
        };
        return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType(symbol.ContainingType), name);
    }

    /// <summary>The name after a dot (or <c>?.</c>, or a named argument's name): bound through what precedes it.</summary>
    private static bool IsMemberName(SimpleNameSyntax node) => node.Parent switch
    {
        MemberAccessExpressionSyntax ma => ma.Name == node,
        QualifiedNameSyntax q => q.Right == node,
        AliasQualifiedNameSyntax a => a.Name == node,
        MemberBindingExpressionSyntax => true,
        NameColonSyntax or NameEqualsSyntax => true,
        _ => false,
    };

    /// <summary>Names that declare rather than refer (object initializer members, labels, tuple element names).</summary>
    private static bool IsDeclarationName(ExpressionSyntax node) =>
        node.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } a && a.Left == node
        || node.Parent is GotoStatementSyntax or LabeledStatementSyntax or ExplicitInterfaceSpecifierSyntax
        || node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } };

    private static bool IsStaticMember(ISymbol s) =>
        s.IsStatic && s.ContainingType is not null
        && s is IFieldSymbol or IPropertySymbol or IEventSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary };

    /// <summary>What a name binds to: the symbol, an alias's target, or the one container shared by all candidates (an overloaded method group).</summary>
    private ISymbol? Bound(ExpressionSyntax node)
    {
        // Asked for most names twice (as a type, then as a static member): once of the model.
        if (_bound.TryGetValue(node, out var known)) return known;
        var info = _ctx.InfoOf(node); // shared with the lifting, which asked about most of these nodes already
        var symbol = info.Symbol;
        if (symbol is null && info.CandidateSymbols.Length > 0)
        {
            var first = info.CandidateSymbols[0];
            if (info.CandidateSymbols.All(c => c.IsStatic == first.IsStatic && SymbolEqualityComparer.Default.Equals(c.ContainingType, first.ContainingType))) symbol = first;
        }
        if (symbol is IAliasSymbol alias) symbol = alias.Target;
        _bound[node] = symbol;
        return symbol;
    }

    private readonly Dictionary<SyntaxNode, ISymbol?> _bound = new();
    private readonly Dictionary<ITypeSymbol, TypeSyntax> _qualified = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary><c>global::…</c> of a type, parsed once per twin (a node is immutable, so one serves every place it is written).</summary>
    private TypeSyntax QualifiedType(ITypeSymbol type)
    {
        if (!_qualified.TryGetValue(type, out var syntax))
        {
            syntax = SyntaxFactory.ParseTypeName(type.ToDisplayString(Qualified));
            _qualified[type] = syntax;
        }
        return syntax;
    }

    /// <summary>A call of another <c>[Compile]</c> method goes to its compiled entry, which traces inline.</summary>
    private SimpleNameSyntax? CompiledCallee(SimpleNameSyntax n)
    {
        bool invoked = n.Parent is InvocationExpressionSyntax || n.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } ma && ma.Name == n;
        if (!invoked || _ctx.SymbolOf(n) is not IMethodSymbol m || !CompileAttributes.Has(m)) return null;
        var id = SyntaxFactory.Identifier(Naming.CompiledEntry(m.Name));
        return n is GenericNameSyntax g ? g.WithIdentifier(id).WithTypeArgumentList((TypeArgumentListSyntax)Visit(g.TypeArgumentList)!) : SyntaxFactory.IdentifierName(id);
    }

    /// <summary><c>x.Ext(a)</c> of an extension method → <c>global::N.C.Ext(x, a)</c> (its namespace need not be imported).</summary>
    private InvocationExpressionSyntax? ExtensionCall(InvocationExpressionSyntax inv)
    {
        if (inv.Expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } ma) return null;
        if (_ctx.SymbolOf(inv) is not IMethodSymbol { ReducedFrom: not null } m) return null;
        if (m.ReducedFrom.Parameters.Length > 0 && m.ReducedFrom.Parameters[0].RefKind != RefKind.None) return null;
        SimpleNameSyntax name = ma.Name is GenericNameSyntax g
            ? SyntaxFactory.GenericName(g.Identifier.WithoutTrivia(), (TypeArgumentListSyntax)Visit(g.TypeArgumentList)!)
            : SyntaxFactory.IdentifierName(ma.Name.Identifier.WithoutTrivia());
        var callee = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, QualifiedType(m.ContainingType), name);
        var receiver = SyntaxFactory.Argument(E(ma.Expression));
        var args = ((ArgumentListSyntax)Visit(inv.ArgumentList)!).Arguments;
        return SyntaxFactory.InvocationExpression(callee, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { receiver }.Concat(args))));
    }
}
