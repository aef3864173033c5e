using System.Collections.Immutable;

namespace LoopGen.Ir.Verification;

/// <summary>
/// One op under check: its place for messages and the small predicates the rules share. Each failure names the
/// spec constraint and prints the op's signature, so a message always shows the shapes.
/// </summary>
internal readonly struct OpCheck
{
    private readonly BlockWalker _walker;
    private readonly int _index;

    public OpCheck(Operation op, BlockWalker walker, int index)
    {
        Op = op;
        _walker = walker;
        _index = index;
    }

    public Operation Op { get; }

    /// <summary>The spec's name of the op, without the dialect: <c>add</c>.</summary>
    public string Short => Op.Name.StartsWith("stablehlo.", StringComparison.Ordinal) ? Op.Name["stablehlo.".Length..] : Op.Name;

    public TensorType Operand(int i) => Op.Operands[i].Type;

    public TensorType Result(int i) => Op.Results[i].Type;

    /// <summary>Throws unless <paramref name="ok"/>; <paramref name="id"/> is the spec's constraint id (<c>C3</c>), prefixed by the op's name.</summary>
    public void Require(bool ok, string id, string rule)
    {
        if (!ok) throw Fail(id, rule);
    }

    public IrVerificationException Fail(string id, string rule) =>
        new(Op.Name, _walker.Where(_index, Op), id.Contains(' ', StringComparison.Ordinal) ? id : Short + " " + id, rule + "; the op is " + Signature(Op));

    /// <summary>Exactly <paramref name="operands"/> operands and <paramref name="results"/> results (the op's arity).</summary>
    public void Arity(int operands, int results)
    {
        Require(Op.Operands.Count == operands, "arity", $"takes {operands} operand(s), has {Op.Operands.Count}");
        Require(Op.Results.Count == results, "arity", $"has {results} result(s), found {Op.Results.Count}");
    }

    /// <summary>The op has no regions (every op but while, if, case and reduce).</summary>
    public void NoRegions() => Require(Op.Regions.Count == 0, "arity", $"takes no regions, has {Op.Regions.Count}");

    /// <summary>The attribute <paramref name="name"/> of kind <typeparamref name="T"/>; a missing or mistyped one fails.</summary>
    public T Attr<T>(string name)
        where T : Attr
    {
        var a = Op.Attribute(name);
        if (a is T t) return t;
        throw Fail("attributes", a is null ? $"needs attribute '{name}' ({typeof(T).Name})" : $"attribute '{name}' must be {typeof(T).Name}, is {a.GetType().Name}");
    }

    /// <summary>The i64 array attribute <paramref name="name"/>.</summary>
    public ImmutableArray<long> Dims(string name)
    {
        var values = Attr<I64ArrayAttr>(name).Values;
        return values.IsDefault ? [] : values;
    }

    /// <summary>An element-type family of the spec's input tables, checked on <paramref name="type"/> (operand or result <paramref name="role"/>).</summary>
    public void ElementKind(TensorType type, ElementKinds allowed, string id, string role)
    {
        var kind = KindOf(type.DType);
        Require((allowed & kind) != 0, id, $"{role} must be a tensor of {Describe(allowed)}, is {Name(type)}");
    }

    public static ElementKinds KindOf(DType d) => d == DType.Pred ? ElementKinds.Bool : d.IsInteger() ? ElementKinds.Integer : ElementKinds.Float;

    private static string Describe(ElementKinds k)
    {
        var parts = new List<string>();
        if ((k & ElementKinds.Bool) != 0) parts.Add("boolean");
        if ((k & ElementKinds.Integer) != 0) parts.Add("integer");
        if ((k & ElementKinds.Float) != 0) parts.Add("floating-point");
        return string.Join(" or ", parts) + " type";
    }

    public static string Name(TensorType t) => t.ToMlir();

    public static string Dims(IEnumerable<long> values) => "[" + string.Join(", ", values) + "]";

    public static string Signature(Operation op) =>
        "(" + string.Join(", ", op.Operands.Select(v => Name(v.Type))) + ") -> ("
        + string.Join(", ", op.Results.Select(v => Name(v.Type))) + ")";

    /// <summary>True when the values are pairwise distinct.</summary>
    public static bool Unique(IEnumerable<long> values)
    {
        var seen = new HashSet<long>();
        return values.All(seen.Add);
    }
}

/// <summary>Element-type families of the spec's operand tables (LoopGen's dtypes: i1, signless i32/i64, floats).</summary>
[Flags]
internal enum ElementKinds
{
    /// <summary>i1.</summary>
    Bool = 1,

    /// <summary>i32, i64.</summary>
    Integer = 2,

    /// <summary>f16, bf16, f32, f64.</summary>
    Float = 4,

    /// <summary>Any element type.</summary>
    Any = Bool | Integer | Float,
}
