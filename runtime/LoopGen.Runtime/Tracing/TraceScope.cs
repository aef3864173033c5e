using LoopGen.Ir;

namespace LoopGen.Tracing;

/// <summary>What a scope's block belongs to, which decides how outer values get in.</summary>
internal enum ScopeKind
{
    /// <summary>The traced function's body: concrete tensors used inside become extra parameters.</summary>
    Function,

    /// <summary>A while cond or body: outer values become extra carried block arguments (loop invariants).</summary>
    Loop,

    /// <summary>An if/case branch or a reduce body: outer values are used directly (regions see dominating values).</summary>
    Branch,
}

/// <summary>
/// A block under construction during tracing. Scopes nest (function → loop body → branch …); the innermost
/// open scope on this thread is <see cref="Current"/>, and every traced op is appended to it. A symbolic
/// tensor belongs to the scope that made it; using it in a nested scope captures it (see <see cref="Use"/>).
/// </summary>
internal sealed class TraceScope
{
    [ThreadStatic]
    private static TraceScope? t_current;

    private readonly Dictionary<object, Value> _captured = new(ReferenceEqualityComparer.Instance);
    private readonly List<Capture> _captures = [];

    private TraceScope(ScopeKind kind, TraceScope? parent, Block block)
    {
        Kind = kind;
        Parent = parent;
        Block = block;
    }

    /// <summary>The innermost open scope on this thread, or null when running eagerly.</summary>
    public static TraceScope? Current => t_current;

    public ScopeKind Kind { get; }

    public TraceScope? Parent { get; }

    public Block Block { get; }

    public bool IsClosed { get; private set; }

    /// <summary>
    /// Outer values this scope captured, in order of first use: for a function, concrete tensors (Outer) now
    /// parameters (Inner); for a loop, values of the parent scope (OuterValue) now block arguments (Inner).
    /// </summary>
    public IReadOnlyList<Capture> Captures => _captures;

    /// <summary>Opens a root scope for a function body and makes it current.</summary>
    public static TraceScope OpenFunction(Block body) => Open(new TraceScope(ScopeKind.Function, t_current, body));

    /// <summary>Opens a nested scope for a region and makes it current. Must be called inside a trace.</summary>
    public static TraceScope OpenRegion(ScopeKind kind, Block block)
    {
        var parent = t_current ?? throw new InvalidOperationException("a region can only be traced inside a trace");
        return Open(new TraceScope(kind, parent, block));
    }

    private static TraceScope Open(TraceScope scope)
    {
        t_current = scope;
        return scope;
    }

    /// <summary>Closes this scope (it must be the innermost) and restores its parent.</summary>
    public void Close()
    {
        if (t_current != this) throw new InvalidOperationException("trace scopes must close innermost first");
        IsClosed = true;
        t_current = Parent;
    }

    /// <summary>True if <paramref name="scope"/> is this scope or encloses it.</summary>
    public bool IsSelfOrAncestor(TraceScope scope)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s == scope) return true;
        }
        return false;
    }

    /// <summary>The value that stands for <paramref name="tensor"/> in this scope's block, capturing it if it comes from outside.</summary>
    public Value Use(Tensor tensor)
    {
        if (tensor.Symbol is { } symbol)
        {
            if (symbol.Scope == this) return symbol.Value;
            if (symbol.Scope.IsClosed || !IsSelfOrAncestor(symbol.Scope) || Kind == ScopeKind.Function)
            {
                throw new InvalidOperationException(
                    $"a traced tensor ({tensor.Type}) was used outside the loop body or trace that made it. "
                    + "Values computed inside a loop body leave it only as carries or outputs: return it from the body instead of storing it.");
            }
        }

        if (_captured.TryGetValue(tensor, out var existing)) return existing;
        switch (Kind)
        {
            case ScopeKind.Function:
                // A concrete tensor from outside the trace: it becomes a parameter, never an inlined constant.
                var param = Block.AddArgument(tensor.Type);
                _captured[tensor] = param;
                _captures.Add(new Capture(tensor, null, param));
                return param;
            case ScopeKind.Loop:
                // Loop invariants are carried through the while op as operands (JAX's closure conversion).
                var outer = Parent!.Use(tensor);
                var arg = Block.AddArgument(tensor.Type);
                _captured[tensor] = arg;
                _captures.Add(new Capture(tensor, outer, arg));
                return arg;
            default:
                var direct = Parent!.Use(tensor);
                _captured[tensor] = direct;
                return direct;
        }
    }

    /// <summary>Appends <paramref name="op"/> to this scope's block and returns its results as symbolic tensors.</summary>
    public Tensor[] Append(Operation op, bool weak)
    {
        Block.Operations.Add(op);
        if (Autodiff.OpOrigins.Enabled) Autodiff.OpOrigins.Capture(op); // only while the gradient looks for a source line
        var results = new Tensor[op.Results.Count];
        for (int i = 0; i < results.Length; i++) results[i] = Tensor.Symbolic(op.Results[i], this, weak);
        return results;
    }

    /// <summary>A symbolic tensor for a value already in this scope's block (a block argument).</summary>
    public Tensor Wrap(Value value, bool weak = false) => Tensor.Symbolic(value, this, weak);

    /// <summary>One captured outer value.</summary>
    /// <param name="Tensor">The tensor the user's code referred to.</param>
    /// <param name="OuterValue">For a loop scope, the value in the parent block (a while operand); null for a function.</param>
    /// <param name="Inner">The block argument standing for it here.</param>
    public readonly record struct Capture(Tensor Tensor, Value? OuterValue, Value Inner);
}
