using System.Linq;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// The rules that decide whether a <c>[Compile]</c> method gets generated code. Each returns the reason it does
/// not (the text of the <c>// LoopGen: … is not compiled: …</c> comment), or null. The analyzers report these as
/// diagnostics; the generator only skips the method, so it never emits code that does not compile.
/// </summary>
internal static class CompileChecks
{
    public const string CompileAttributeName = "LoopGen.CompileAttribute";
    public const string DynamicAttributeName = "LoopGen.DynamicAttribute";
    public const int MaxParameters = 8;

    /// <summary>Whether <paramref name="symbol"/> carries <c>[Compile]</c>.</summary>
    public static bool HasCompile(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == CompileAttributeName);

    /// <summary>Why the method's declaration or signature rules it out, or null.</summary>
    public static string? WhyNot(MethodDeclarationSyntax syntax, IMethodSymbol symbol)
    {
        if (symbol.ContainingType is not { } type) return "it is not in a type";
        if (type.TypeKind == TypeKind.Interface) return "interface members are not supported";
        if (type.IsFileLocal) return "file-local types are not supported (a generated file cannot reopen them)";
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType) return $"its containing type '{t.Name}' is generic";
        }
        if (symbol.IsGenericMethod) return "generic methods are not supported";
        if (symbol.IsAsync) return "async methods are not supported";
        if (symbol.IsExtern) return "extern methods are not supported";
        if (symbol.IsAbstract) return "abstract methods are not supported";
        if (symbol.ExplicitInterfaceImplementations.Length > 0) return "explicit interface implementations are not supported";
        if (syntax.Body is null && syntax.ExpressionBody is null) return "it has no body";
        if (syntax.DescendantNodes().OfType<YieldStatementSyntax>().Any()) return "iterators are not supported";
        if (!symbol.IsStatic && type.IsValueType) return "instance methods of structs are not supported (the compiled function is kept per instance)";
        if (symbol.Parameters.Length > MaxParameters) return $"it has more than {MaxParameters} parameters";
        foreach (var p in symbol.Parameters)
        {
            if (p.RefKind != RefKind.None) return $"parameter '{p.Name}' is passed by reference ({p.RefKind.ToString().ToLowerInvariant()})";
            if (p.IsParams) return $"parameter '{p.Name}' is params";
            if (!TypeSupport.IsSupported(p.Type)) return $"parameter '{p.Name}' has type '{p.Type.ToDisplayString()}' (supported: {TypeSupport.SupportedList})";
            if (IsDynamic(p) && !TypeSupport.IsPrimitive(p.Type)) return $"[Dynamic] parameter '{p.Name}' must be bool, int, long, float or double";
        }
        if (symbol.ReturnsVoid) return $"it returns nothing (supported returns: {TypeSupport.SupportedList})";
        if (symbol.ReturnsByRef || symbol.ReturnsByRefReadonly) return "it returns by reference";
        if (!TypeSupport.IsSupported(symbol.ReturnType) && !ListReturns.IsTensorList(symbol.ReturnType))
        {
            // A scan's outputs kept as a list: the compiled loop writes them into one tensor, so return that.
            string hint = symbol.ReturnType is INamedTypeSymbol { Name: "List" or "IList" or "IReadOnlyList" or "IEnumerable", TypeArguments.Length: 1 } list && list.TypeArguments[0].Name == "Tensor"
                ? "; return the List<Tensor> the loop fills (declare the return type List<Tensor>), or Tensor.Stack(list) (or Tensor.Concat(list, axis)) of it"
                : "";
            return $"its return type '{symbol.ReturnType.ToDisplayString()}' is not supported (supported: {TypeSupport.SupportedList}){hint}";
        }
        foreach (var generated in new[] { Naming.CompiledEntry(symbol.Name), Naming.EagerEntry(symbol.Name), Naming.LowerEntry(symbol.Name) })
        {
            // Only the user's own members clash: in the IDE and the build the analyzers see the generated ones too.
            if (type.MemberNames.Contains(generated)
                && type.GetMembers(generated).Any(m => m.DeclaringSyntaxReferences.Any(r => !IsGeneratedTree(r.SyntaxTree))))
            {
                return $"the type already has a member named '{generated}'";
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a containing type's declaration can be reopened by the generated file: it says <c>partial</c>. A
    /// method in a type that does not gets no generated code (the analyzers say so on the type).
    /// </summary>
    public static bool IsPartial(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>Whether a parameter is marked <c>[Dynamic]</c>.</summary>
    public static bool IsDynamic(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DynamicAttributeName);

    /// <summary>Whether an interceptor (a file-local class in another namespace of the same assembly) can call the method: it and every containing type are at least internal.</summary>
    public static bool IsReachableFromAssembly(IMethodSymbol symbol)
    {
        if (!IsAssemblyVisible(symbol.DeclaredAccessibility)) return false;
        for (var t = symbol.ContainingType; t is not null; t = t.ContainingType)
        {
            if (!IsAssemblyVisible(t.DeclaredAccessibility)) return false;
        }
        return true;
    }

    private static bool IsAssemblyVisible(Accessibility a) =>
        a is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>The accessibility as C# writes it.</summary>
    public static string AccessibilityText(Accessibility a) => a switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>Whether a syntax tree is generated code (whose calls are never intercepted).</summary>
    public static bool IsGeneratedTree(SyntaxTree tree)
    {
        var path = tree.FilePath;
        if (path.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".generated.cs", System.StringComparison.OrdinalIgnoreCase)) return true;
        var first = tree.GetRoot().GetLeadingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia));
        return first.ToString().Contains("<auto-generated");
    }
}
