using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen;

public sealed partial class Tensor
{
    // ---- Shared machinery: promotion, conversion and broadcasting of operands ---------------------------------

    /// <summary>This tensor converted to <paramref name="dtype"/> (itself when it already has it); weakness is kept.</summary>
    internal Tensor ConvertTo(DType dtype) =>
        DType == dtype ? this : Apply1(Ops.Convert, [this], new TensorType(dtype, Shape), weak: IsWeak);

    /// <summary>This tensor with weak typing dropped; no op is emitted.</summary>
    internal Tensor AsStrong()
    {
        if (!IsWeak) return this;
        return Symbol is { } s ? new Tensor(s.Value, s.Scope, weak: false) { Bounds = Bounds, Range = Range } : Concrete(Buffer, Owner, weak: false);
    }

    /// <summary>
    /// <c>broadcast_in_dim</c> to <paramref name="shape"/>, trailing dimensions aligned. The caller has checked that
    /// the shapes broadcast; itself when the shape already matches.
    /// </summary>
    internal Tensor BroadcastInDim(Shape shape)
    {
        if (Shape == shape) return this;
        int offset = shape.Rank - Rank;
        var dims = new long[Rank];
        for (int i = 0; i < Rank; i++) dims[i] = i + offset;
        var result = Apply1(
            Ops.BroadcastInDim,
            [this],
            new TensorType(DType, shape),
            [new NamedAttr("broadcast_dimensions", new I64ArrayAttr([.. dims]))],
            weak: IsWeak);
        return BoundedOps.MarkExpanded(this, result);
    }

    /// <summary>The promoted type of a binary op (shape check included), computed before any op is emitted.</summary>
    private static (TensorType Type, bool Weak) BinaryType(string op, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (dtype, weak) = DTypes.Promote(a.DType, a.IsWeak, b.DType, b.IsWeak);
        return (new TensorType(dtype, Broadcasting.Shapes(op, a.Type, b.Type)), weak);
    }

    /// <summary>Converts and broadcasts an operand to <paramref name="type"/>.</summary>
    private static Tensor Fit(Tensor x, TensorType type) => x.ConvertTo(type.DType).BroadcastInDim(type.Shape);

    private static void RequireNumeric(string op, TensorType type, Tensor a, Tensor? b = null)
    {
        if (type.DType == DType.Pred)
        {
            string operands = b is null ? a.Type.ToString() : $"{a.Type} and {b.Type}";
            throw new ArgumentException($"{op}: not defined for pred operands ({operands}); Cast to an integer or float dtype first");
        }
    }

    /// <summary>Arithmetic on two tensors: promote, broadcast, apply <paramref name="hlo"/>.</summary>
    private static Tensor Arithmetic(string op, string hlo, Tensor a, Tensor b)
    {
        var (type, weak) = BinaryType(op, a, b);
        RequireNumeric(op, type, a, b);
        return Apply1(hlo, [Fit(a, type), Fit(b, type)], type, weak: weak);
    }

    private static Tensor Logical(string op, string hlo, Tensor a, Tensor b)
    {
        var (type, weak) = BinaryType(op, a, b);
        if (type.DType.IsFloat())
        {
            throw new ArgumentException($"{op}: needs pred or integer operands, got {a.Type} and {b.Type}");
        }
        return Apply1(hlo, [Fit(a, type), Fit(b, type)], type, weak: weak);
    }

    private static Tensor Comparison(string op, ComparisonDirection direction, Tensor a, Tensor b)
    {
        var (type, _) = BinaryType(op, a, b);
        string compareType = type.DType.IsFloat() ? "FLOAT" : type.DType.IsInteger() ? "SIGNED" : "UNSIGNED";
        return Apply1(
            Ops.Compare,
            [Fit(a, type), Fit(b, type)],
            new TensorType(DType.Pred, type.Shape),
            [
                new NamedAttr("comparison_direction", new ComparisonDirectionAttr(direction)),
                new NamedAttr("compare_type", new ComparisonTypeAttr(compareType)),
            ]);
    }

    // ---- Arithmetic ------------------------------------------------------------------------------------------

    /// <summary>Elementwise sum, with numpy broadcasting and dtype promotion.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Arithmetic("Add", Ops.Add, a, b);

    /// <summary>Elementwise difference, with numpy broadcasting and dtype promotion.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Arithmetic("Subtract", Ops.Subtract, a, b);

    /// <summary>Elementwise product, with numpy broadcasting and dtype promotion.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Arithmetic("Multiply", Ops.Multiply, a, b);

    /// <summary>
    /// Elementwise quotient, with numpy broadcasting and dtype promotion. Integers divide as in C# (truncating
    /// toward zero), so a lifted loop over <c>int</c> carries computes what the plain C# loop computes.
    /// </summary>
    public static Tensor operator /(Tensor a, Tensor b) => Arithmetic("Divide", Ops.Divide, a, b);

    /// <summary>Elementwise remainder with the dividend's sign, as C# <c>%</c>.</summary>
    public static Tensor operator %(Tensor a, Tensor b) => Arithmetic("Remainder", Ops.Remainder, a, b);

    /// <summary>Elementwise negation.</summary>
    public static Tensor operator -(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNumeric("Negate", x.Type, x);
        return Apply1(Ops.Negate, [x], x.Type, weak: x.IsWeak);
    }

    /// <summary>Unary plus: the tensor itself.</summary>
    public static Tensor operator +(Tensor x) => x;

    /// <summary><c>x + 1</c> in x's dtype, so a counter carried as a tensor reads as in plain C# (<c>count++</c>).</summary>
    public static Tensor operator ++(Tensor x) => x + 1;

    /// <summary><c>x - 1</c> in x's dtype (<c>count--</c>).</summary>
    public static Tensor operator --(Tensor x) => x - 1;

    // ---- Comparisons (pred results) --------------------------------------------------------------------------

    /// <summary>Elementwise equality; a pred tensor. (Use <see cref="object.ReferenceEquals"/> or <c>is null</c> for identity.)</summary>
    public static Tensor operator ==(Tensor a, Tensor b) => Comparison("Equal", ComparisonDirection.EQ, a, b);

    /// <summary>Elementwise inequality; a pred tensor.</summary>
    public static Tensor operator !=(Tensor a, Tensor b) => Comparison("NotEqual", ComparisonDirection.NE, a, b);

    /// <summary>Elementwise <c>a &lt; b</c>; a pred tensor.</summary>
    public static Tensor operator <(Tensor a, Tensor b) => Comparison("Less", ComparisonDirection.LT, a, b);

    /// <summary>Elementwise <c>a &lt;= b</c>; a pred tensor.</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => Comparison("LessEqual", ComparisonDirection.LE, a, b);

    /// <summary>Elementwise <c>a &gt; b</c>; a pred tensor.</summary>
    public static Tensor operator >(Tensor a, Tensor b) => Comparison("Greater", ComparisonDirection.GT, a, b);

    /// <summary>Elementwise <c>a &gt;= b</c>; a pred tensor.</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => Comparison("GreaterEqual", ComparisonDirection.GE, a, b);

    // ---- Logical (pred) and bitwise (integer) ----------------------------------------------------------------

    /// <summary>Logical and of pred tensors, bitwise and of integer tensors.</summary>
    public static Tensor operator &(Tensor a, Tensor b) => Logical("And", Ops.And, a, b);

    /// <summary>Logical or of pred tensors, bitwise or of integer tensors.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => Logical("Or", Ops.Or, a, b);

    /// <summary>Logical xor of pred tensors, bitwise xor of integer tensors.</summary>
    public static Tensor operator ^(Tensor a, Tensor b) => Logical("Xor", Ops.Xor, a, b);

    /// <summary>Logical not of a pred tensor (use <c>~</c> for the bitwise not of integers).</summary>
    public static Tensor operator !(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.DType != DType.Pred)
        {
            throw new ArgumentException($"Not: '!' needs a pred tensor, got {x.Type}; use '~' for the bitwise not of integers");
        }
        return Apply1(Ops.Not, [x], x.Type, weak: x.IsWeak);
    }

    /// <summary>Bitwise not of an integer tensor; logical not of a pred tensor.</summary>
    public static Tensor operator ~(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.DType.IsFloat()) throw new ArgumentException($"BitwiseNot: '~' needs an integer or pred tensor, got {x.Type}");
        return Apply1(Ops.Not, [x], x.Type, weak: x.IsWeak);
    }
}
