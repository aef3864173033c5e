using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>Everything the lifting of one method learns and shares: the model, the plans, the problems.</summary>
internal sealed partial class LiftContext
{
    public LiftContext(MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, INamedTypeSymbol tensor, CancellationToken cancellationToken)
    {
        Method = method;
        Symbol = symbol;
        Model = model;
        Tensor = tensor;
        CancellationToken = cancellationToken;
        FilePath = method.SyntaxTree.FilePath ?? "";
    }

    private string? _prefix;

    /// <summary>The prefix of every name the lifting makes (flags, carries, holes): no name of the user's starts with it. Computed when first needed.</summary>
    public string Prefix => _prefix ??= GeneratedNames.PrefixFor(Method, Symbol);

    public MethodDeclarationSyntax Method { get; }

    /// <summary>The method's symbol, as the caller has it (asking the model for the declared symbol again looks it up in the declaration tables).</summary>
    public IMethodSymbol Symbol { get; }

    public SemanticModel Model { get; }

    /// <summary>The <c>LoopGen.Tensor</c> type.</summary>
    public INamedTypeSymbol Tensor { get; }

    public CancellationToken CancellationToken { get; }

    public string FilePath { get; }

    /// <summary>C# primitives (locals, parameters, loop counters) that are 0-d tensors in the twin. Only ever added to.</summary>
    public HashSet<ISymbol> Traced { get; } = new(SymbolEqualityComparer.Default);

    private readonly HashSet<string> _tracedNames = new(System.StringComparer.Ordinal);
    private int _tracedNamesFrom = -1;

    /// <summary>
    /// Whether an identifier may name a traced variable: a reference to a local or parameter has its name, so an
    /// identifier with any other name needs no binding to be told apart (most of a body's names, in every fixpoint round).
    /// </summary>
    public bool MayBeTraced(IdentifierNameSyntax id)
    {
        if (_tracedNamesFrom != Traced.Count)
        {
            // Traced only grows, so its count says when the names are stale.
            _tracedNames.Clear();
            foreach (var s in Traced) _tracedNames.Add(s.Name);
            _tracedNamesFrom = Traced.Count;
        }
        return _tracedNames.Contains(id.Identifier.ValueText);
    }

    /// <summary>What <see cref="TracedSwitch.DefaultTarget"/> found for each switch expression it was asked about.</summary>
    public Dictionary<SwitchExpressionSyntax, ExpressionSyntax?> DefaultTargets { get; } = new();

    /// <summary>Lifted loops by their (original) statement.</summary>
    public Dictionary<StatementSyntax, LoopPlan> Loops { get; } = new();

    /// <summary>Lifted ifs (traced conditions) by their statement.</summary>
    public Dictionary<IfStatementSyntax, CondPlan> Conds { get; } = new();

    /// <summary>Lifted switch statements (a traced governing value) by their statement: a chain of conds.</summary>
    public Dictionary<SwitchStatementSyntax, CondPlan> Switches { get; } = new();

    /// <summary>Lists collected by a loop, by the list's local.</summary>
    public Dictionary<ISymbol, CollectedList> Collected { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Each <c>break</c>/<c>continue</c> of a lifted loop, with the loop it leaves.</summary>
    public Dictionary<StatementSyntax, LoopPlan> Exits { get; } = new();

    /// <summary>Sizes read from the data, bounded tensors and the loops that concatenate them (see <see cref="BoundedSizes"/>).</summary>
    public SizePlan Sizes { get; } = new();

    public List<LiftProblem> Problems { get; } = new();

    /// <summary>Facts worth telling the user that do not stop the lifting (dynamic trip counts…): the analyzers report them, the generator ignores them.</summary>
    public List<LiftProblem> Notes { get; } = new();

    /// <summary>Further loops filling a list <see cref="Collected"/> already holds (each branch of a static if may fill it).</summary>
    public List<CollectedList> MoreCollected { get; } = new();

    /// <summary>Each <c>return</c> inside a lifted loop, with the loops it leaves (see <see cref="EarlyReturns"/>).</summary>
    public Dictionary<ReturnStatementSyntax, List<LoopPlan>> Returns { get; } = new();

    /// <summary>The flag and result the method's early returns share, when it has any.</summary>
    public EarlyReturnPlan? EarlyReturn { get; set; }

    /// <summary>Loops emitted as lifted calls (each one <c>stablehlo.while</c> when traced).</summary>
    public int LoopCount { get; set; }

    private int _unique;

    /// <summary>A fresh suffix for generated names (<c>__carry0</c>, <c>__t1</c>, …).</summary>
    public int Next() => _unique++;

    public void Problem(string code, SyntaxNode node, string message) => Problems.Add(At(code, node, message));

    /// <summary>Records a note (see <see cref="Notes"/>).</summary>
    public void Note(string code, SyntaxNode node, string message) => Notes.Add(At(code, node, message));

    /// <summary>Whether a problem with <paramref name="code"/> already covers <paramref name="node"/> (one cause, one report).</summary>
    public bool Reported(string code, SyntaxNode node) =>
        Problems.Any(p => p.Code == code && p.Start <= node.SpanStart && node.Span.End <= p.Start + p.Length);

    private LiftProblem At(string code, SyntaxNode node, string message)
    {
        var span = node.GetLocation().GetLineSpan();
        return new LiftProblem(code, message, FilePath, node.SpanStart, node.Span.Length, span.StartLinePosition.Line + 1);
    }

    /// <summary>1-based line of a position.</summary>
    public int LineOf(int position) => Method.SyntaxTree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(position, 0)).StartLinePosition.Line + 1;

    // The checks and the rewriter ask about the same nodes many times (each pass, each fixpoint round, the rewrite):
    // one semantic query per node and kind of question.
    private readonly Dictionary<SyntaxNode, SymbolInfo> _infos = new();
    private readonly Dictionary<SyntaxNode, ISymbol?> _declared = new();
    private readonly Dictionary<SyntaxNode, ITypeSymbol?> _types = new();

    /// <summary><c>GetSymbolInfo(node)</c>, asked of the model once per node (the rewriter needs the candidates too).</summary>
    public SymbolInfo InfoOf(SyntaxNode node)
    {
        if (!_infos.TryGetValue(node, out var info))
        {
            info = CalledMethod(node) ?? Model.GetSymbolInfo(node, CancellationToken);
            _infos[node] = info;
        }
        return info;
    }

    /// <summary>
    /// The info of a called method's name (<c>F(x)</c>, <c>a.F(x)</c>: the name, or the member access <c>a.F</c>):
    /// the call's, read from the bound call. Asking the model about the name itself rebuilds the whole method group
    /// (lookup, accessibility, extension methods) to filter it down to the same method: most of the lifting's binding
    /// time on a body of tensor calls. Only a resolved call of a method; a delegate or function pointer invoked (the
    /// name is the variable then), a failed overload resolution, <c>nameof</c> or a dynamic call bind the name.
    /// </summary>
    private SymbolInfo? CalledMethod(SyntaxNode node)
    {
        if (node is not (SimpleNameSyntax or MemberAccessExpressionSyntax)) return null;
        var callee = node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node ? ma : node;
        if (callee.Parent is not InvocationExpressionSyntax inv || inv.Expression != callee) return null;
        var call = InfoOf(inv);
        return call.Symbol is IMethodSymbol { MethodKind: not (MethodKind.DelegateInvoke or MethodKind.FunctionPointerSignature) } ? call : null;
    }

    /// <summary>The symbol <paramref name="node"/> binds to (<c>GetSymbolInfo(node).Symbol</c>), asked of the model once per node.</summary>
    public ISymbol? SymbolOf(SyntaxNode node) => InfoOf(node).Symbol;

    /// <summary>The symbol <paramref name="node"/> declares (<c>GetDeclaredSymbol(node)</c>), asked of the model once per node.</summary>
    public ISymbol? DeclaredOf(SyntaxNode node)
    {
        if (!_declared.TryGetValue(node, out var symbol))
        {
            symbol = Model.GetDeclaredSymbol(node, CancellationToken);
            _declared[node] = symbol;
        }
        return symbol;
    }

    /// <summary>The type of <paramref name="node"/> (<c>GetTypeInfo(node).Type</c>), asked of the model once per node.</summary>
    public ITypeSymbol? TypeOf(SyntaxNode node)
    {
        if (!_types.TryGetValue(node, out var type))
        {
            type = Model.GetTypeInfo(node, CancellationToken).Type;
            _types[node] = type;
        }
        return type;
    }

    public bool IsTensor(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, Tensor);
}
