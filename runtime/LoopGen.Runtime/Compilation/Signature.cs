using LoopGen.Backends;
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
    public static Signature Of(IBackend backend, object?[] args)
    {
        var parts = new List<object> { backend };
        var tensors = new List<Tensor>();
        for (int a = 0; a < args.Length; a++)
        {
            foreach (var leaf in Tree.Flatten(args[a], $"arg{a}", allowStatic: true, "argument"))
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
        return new Signature([.. parts]) { Tensors = [.. tensors] };
    }

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
