using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// Whether a <c>[Compile]</c> method has compile errors, told from what the lifting binds anyway: the parser's
/// diagnostics, the body's operation tree (the semantic model's one binding of the body, which the lifting's queries
/// reuse) and two flow passes over that bound tree. Such a method gets no twin: the user fixes their error first, and
/// sees it, not errors in generated code.
/// </summary>
/// <remarks>
/// <c>SemanticModel.GetDiagnostics(span)</c> said the same exactly, but it compiles the body a second time (binding,
/// flow analysis, on the compiler's worker threads): a third of the generator's cost on a cold build. Error kinds this
/// check does not see (an error the binder reports but leaves no error node for: an inaccessible-but-bound member, a
/// constraint violation, a ref-safety error…) give a twin that fails the same way; its <c>#line</c> directives put that
/// error on the user's own line (docs/design.md, "Generated code").
/// </remarks>
internal static class CompileErrors
{
    /// <summary>True when the method's declaration or body has an error the compiler will report.</summary>
    /// <param name="syntax">The method's declaration.</param>
    /// <param name="model">The semantic model the lifting binds the body with.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="symbol">The method's symbol when the caller has it (else the model's declared symbol is looked up).</param>
    public static bool Any(MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken, IMethodSymbol? symbol = null)
    {
        if (syntax.ContainsDiagnostics) return true;
        if ((symbol ?? model.GetDeclaredSymbol(syntax, cancellationToken)) is not IMethodSymbol method) return true;
        if (AttributeErrors(method.GetAttributes()) || method.Parameters.Any(p => AttributeErrors(p.GetAttributes()))) return true;
        // The body's one binding; the lifting's GetSymbolInfo/GetTypeInfo queries read the same cached bound nodes.
        if (model.GetOperation(syntax, cancellationToken) is not { } root) return true;
        bool unsafeAllowed = model.Compilation.Options is CSharpCompilationOptions { AllowUnsafe: true };
        if (!unsafeAllowed && syntax.Modifiers.Any(SyntaxKind.UnsafeKeyword)) return true; // CS0227
        var walk = new Walk(method, unsafeAllowed);
        if (walk.Broken(root, [.. method.Parameters.Select(p => p.Name)], method)) return true;
        cancellationToken.ThrowIfCancellationRequested();
        return FlowErrors(syntax, model, walk);
    }

    /// <summary>
    /// Attributes the compiler rejects (CS0246 unknown, CS1729 no such constructor, CS0579 repeated): they bind to
    /// symbols, so the check reads them; the old span check saw them because the attribute lists are in the method's span.
    /// </summary>
    private static bool AttributeErrors(ImmutableArray<AttributeData> attributes)
    {
        for (int i = 0; i < attributes.Length; i++)
        {
            var a = attributes[i];
            if (a.AttributeClass is not { TypeKind: not TypeKind.Error } type || a.AttributeConstructor is null) return true;
            for (int j = 0; j < i; j++)
            {
                if (SymbolEqualityComparer.Default.Equals(attributes[j].AttributeClass, type) && !AllowsMultiple(type)) return true;
            }
        }
        return false;
    }

    private static bool AllowsMultiple(INamedTypeSymbol attribute)
    {
        for (var t = attribute; t is not null; t = t.BaseType)
        {
            foreach (var usage in t.GetAttributes())
            {
                if (usage.AttributeClass?.ToDisplayString() != "System.AttributeUsageAttribute") continue;
                return usage.NamedArguments.Any(n => n.Key == "AllowMultiple" && n.Value.Value is true);
            }
        }
        return false;
    }

    /// <summary>One walk of the operation tree: the errors it shows, and the locals declared without a value (for the definite-assignment check).</summary>
    private sealed class Walk(IMethodSymbol method, bool unsafeAllowed)
    {
        /// <summary>Declarations like <c>Tensor y;</c> in a statement list: the only locals a read can find unassigned (but pattern and out variables, which C# mostly assigns where they are declared).</summary>
        public List<(LocalDeclarationStatementSyntax Statement, ILocalSymbol Local)> Unassigned { get; } = [];

        /// <summary>Switch sections that do not end in a jump: the only ones that can fall through (CS0163).</summary>
        public List<SwitchSectionSyntax> OpenSections { get; } = [];

        /// <summary>
        /// Whether <paramref name="operation"/> or below holds an error. <paramref name="inScope"/>: the names of the
        /// locals and parameters in scope, for CS0128 (a local declared twice in one scope) and CS0136 (again inside the
        /// scope of one of the same name): both locals bind, so no error node shows them. Lambdas and local functions may
        /// shadow (C# 8), so their bodies start with none. <paramref name="function"/>: the function the code is in.
        /// </summary>
        public bool Broken(IOperation operation, List<string> inScope, IMethodSymbol function)
        {
            if (IsBroken(operation, function)) return true;
            int mark = inScope.Count;
            foreach (var local in LocalsOf(operation))
            {
                if (local.IsImplicitlyDeclared || local.Name.Length == 0) continue;
                if (inScope.Contains(local.Name)) return true;
                inScope.Add(local.Name);
            }
            if (operation is ISwitchCaseOperation { Syntax: SwitchSectionSyntax { Statements.Count: > 0 } section }
                && section.Statements.Last() is not (BreakStatementSyntax or ReturnStatementSyntax or ContinueStatementSyntax or ThrowStatementSyntax or GotoStatementSyntax))
            {
                OpenSections.Add(section);
            }
            if (operation is IVariableDeclaratorOperation { Initializer: null, Parent: IVariableDeclarationOperation { Initializer: null, Parent: IVariableDeclarationGroupOperation { Syntax: LocalDeclarationStatementSyntax statement } } } declarator
                && !statement.IsConst)
            {
                Unassigned.Add((statement, declarator.Symbol));
            }
            try
            {
                foreach (var child in operation.ChildOperations)
                {
                    var broken = child switch
                    {
                        IAnonymousFunctionOperation f => Broken(child, [], f.Symbol),
                        ILocalFunctionOperation f => Broken(child, [], f.Symbol),
                        _ => Broken(child, inScope, function),
                    };
                    if (broken) return true;
                }
                return false;
            }
            finally
            {
                inScope.RemoveRange(mark, inScope.Count - mark);
            }
        }

        /// <summary>An operation the binder left an error in: an error node or type, a conversion that does not exist, an await or return its function cannot have.</summary>
        private bool IsBroken(IOperation operation, IMethodSymbol function) => operation switch
        {
            IInvalidOperation => true,
            { Type.TypeKind: TypeKind.Error } => true,
            IConversionOperation { Conversion.Exists: false } => true,
            // An implicit conversion node that only an explicit conversion gives (int k = 1.5): CS0266.
            IConversionOperation { IsImplicit: true, Conversion.IsImplicit: false, Conversion.IsIdentity: false } c => !IsLegalExplicitInImplicit(c),
            IVariableDeclaratorOperation { Symbol.Type.TypeKind: TypeKind.Error } => true,
            IAwaitOperation => !function.IsAsync, // CS4032, CS4034
            IReturnOperation { Kind: OperationKind.Return, ReturnedValue: null } => ReferenceEquals(function, method), // CS0126: the method returns a value (CompileChecks)
            IBlockOperation { Syntax.Parent: UnsafeStatementSyntax } => !unsafeAllowed, // CS0227
            IVariableDeclaratorOperation { Symbol: { IsConst: true, HasConstantValue: false } } => true, // CS0133
            ISwitchOperation s => RepeatsALabel(s), // CS0152
            _ => false,
        };
    }

    /// <summary>Whether two <c>case</c> labels of one switch statement hold the same constant.</summary>
    private static bool RepeatsALabel(ISwitchOperation switchOperation)
    {
        var seen = new HashSet<object>();
        foreach (var section in switchOperation.Cases)
        {
            foreach (var clause in section.Clauses)
            {
                if (clause is ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true, Value: { } value } } && !seen.Add(value)) return true;
            }
        }
        return false;
    }

    /// <summary>An implicit node carrying an explicit conversion that C# allows: a tuple literal's elements under an explicit cast.</summary>
    private static bool IsLegalExplicitInImplicit(IConversionOperation conversion)
    {
        for (var parent = conversion.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConversionOperation { IsImplicit: false }) return true;
            if (parent is not (ITupleOperation or IConversionOperation)) return false;
        }
        return false;
    }

    private static IEnumerable<ILocalSymbol> LocalsOf(IOperation operation) => operation switch
    {
        IBlockOperation b => b.Locals,
        ILoopOperation l => l.Locals,
        IUsingOperation u => u.Locals,
        ISwitchOperation s => s.Locals,
        ISwitchCaseOperation c => c.Locals,
        ICatchClauseOperation c => c.Locals,
        ISwitchExpressionArmOperation a => a.Locals,
        _ => [],
    };

    /// <summary>Whether the end of <paramref name="statements"/> can be reached (true too when the analysis fails: the code is broken then).</summary>
    private static bool Reachable(SemanticModel model, SyntaxList<StatementSyntax> statements)
    {
        if (statements.Count == 0) return true;
        // The end point of a return or throw is never reachable, nor then the list's: no control-flow pass (most bodies end so).
        if (statements[statements.Count - 1] is ReturnStatementSyntax or ThrowStatementSyntax) return false;
        var control = model.AnalyzeControlFlow(statements[0], statements[statements.Count - 1]);
        return control is null || !control.Succeeded || control.EndPointIsReachable;
    }

    /// <summary>
    /// CS0161 (a path ends without returning), CS0163 (a switch section falls through) and CS0165 (a local read before it
    /// is assigned): flow errors, which leave the tree intact. A control-flow pass over the already bound body (and over
    /// each switch section that does not end in a jump), and for each local declared without a value
    /// (rare in kernels), a data-flow pass over the statements after it: a read there that can see the declaration's
    /// missing value is a value flowing into that region.
    /// </summary>
    private static bool FlowErrors(MethodDeclarationSyntax syntax, SemanticModel model, Walk walk)
    {
        if (syntax.Body is { } body && Reachable(model, body.Statements)) return true;
        foreach (var section in walk.OpenSections)
        {
            if (Reachable(model, section.Statements)) return true; // CS0163: it falls through
        }
        foreach (var (statement, local) in walk.Unassigned)
        {
            var list = statement.Parent switch
            {
                BlockSyntax b => b.Statements,
                SwitchSectionSyntax s => s.Statements,
                _ => default,
            };
            int at = list.IndexOf(statement);
            if (at < 0 || at == list.Count - 1) continue;
            var flow = model.AnalyzeDataFlow(list[at + 1], list[list.Count - 1]);
            if (flow is null || !flow.Succeeded) return true;
            if (flow.DataFlowsIn.Contains(local, SymbolEqualityComparer.Default)) return true;
        }
        return false;
    }
}
