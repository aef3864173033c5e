using LoopGen.Backends;
using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen.Compilation;

/// <summary>
/// The cache key of one call: the backend, each tensor argument's dtype, shape and weakness, each static
/// argument's value, and the arguments' structure (paths). Two calls with equal signatures share an executable.
/// </summary>
internal sealed class Signature : IEquatable<Signature>
{
    private readonly object[] _parts;
    private readonly int _hash;

    // For Matches: when every argument is a tensor or a static value (no tuples or arrays), what each one was.
    private IBackend? _backend;
    private TensorType?[]? _flatTypes;
    private bool[]? _flatWeak;
    private object?[]? _flatStatics;

    private Signature(object[] parts)
    {
        _parts = parts;
        var h = new HashCode();
        foreach (var p in parts) h.Add(p);
        _hash = h.ToHashCode();
    }

    /// <summary>The tensor arguments in flatten order (the compiled module's explicit parameters).</summary>
    public Tensor[] Tensors { get; private init; } = [];

    /// <summary>Computes the signature of <paramref name="args"/> on <paramref name="backend"/>.</summary>
    /// <param name="backend">The backend the call runs on.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="names">The C# parameter names, used in paths and messages (<c>arg0</c>… where missing).</param>
    public static Signature Of(IBackend backend, object?[] args, IReadOnlyList<string>? names = null)
    {
        var parts = new List<object> { backend };
        var tensors = new List<Tensor>();
        bool flat = true;
        for (int a = 0; a < args.Length; a++)
        {
            flat &= args[a] is Tensor || (args[a] is { } v && v.GetType().IsPrimitive);
            string root = names is not null && a < names.Count && !string.IsNullOrEmpty(names[a]) ? names[a] : $"arg{a}";
            foreach (var leaf in Tree.Flatten(args[a], root, allowStatic: true, "argument"))
            {
                parts.Add(leaf.Path);
                if (leaf.Tensor is { } t)
                {
                    if (t.IsTraced) throw new InvalidOperationException($"argument '{leaf.Path}' is a traced tensor from a finished trace");
                    parts.Add(t.Type);
                    parts.Add(t.IsWeak);
                    tensors.Add(t);
                }
                else
                {
                    // Static values are compared by value and type (1 and 1L are different keys).
                    parts.Add(leaf.Static!.GetType());
                    parts.Add(leaf.Static);
                }
            }
        }
        var signature = new Signature([.. parts]) { Tensors = [.. tensors] };
        if (flat)
        {
            signature._backend = backend;
            signature._flatTypes = new TensorType?[args.Length];
            signature._flatWeak = new bool[args.Length];
            signature._flatStatics = new object?[args.Length];
            for (int a = 0; a < args.Length; a++)
            {
                if (args[a] is Tensor t)
                {
                    signature._flatTypes[a] = t.Type;
                    signature._flatWeak[a] = t.IsWeak;
                }
                else
                {
                    signature._flatStatics[a] = args[a];
                }
            }
        }
        return signature;
    }

    /// <summary>
    /// True when <paramref name="args"/> on <paramref name="backend"/> have this signature; allocates nothing. Only
    /// signatures of flat arguments (tensors and static values) match this way; others always answer false.
    /// </summary>
    public bool Matches(IBackend backend, object?[] args)
    {
        var types = _flatTypes;
        if (types is null || !ReferenceEquals(backend, _backend) || args.Length != types.Length) return false;
        for (int a = 0; a < args.Length; a++)
        {
            if (types[a] is { } type)
            {
                if (args[a] is not Tensor t || t.IsTraced || t.IsWeak != _flatWeak![a] || !SameType(t.Type, type)) return false;
            }
            else
            {
                var s = _flatStatics![a]!;
                if (args[a] is not { } v || v.GetType() != s.GetType() || !v.Equals(s)) return false;
            }
        }
        return true;
    }

    private static bool SameType(TensorType a, TensorType b) =>
        ReferenceEquals(a, b) || (a.DType == b.DType && a.Shape.Dims.AsSpan().SequenceEqual(b.Shape.Dims.AsSpan()));

    /// <inheritdoc/>
    public bool Equals(Signature? other)
    {
        if (other is null || other._hash != _hash || other._parts.Length != _parts.Length) return false;
        for (int i = 0; i < _parts.Length; i++)
        {
            if (!Equals(_parts[i], other._parts[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Signature);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;
}
