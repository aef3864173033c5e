using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Export;

/// <summary>Elementwise ops: where ONNX and StableHLO differ (integer division by zero, NaN in sign, atan2, expm1 and log1p), the export adds the guards.</summary>
internal sealed partial class Exporter
{
    private string Binary(Scope g, string name, DType dt, string x, string y)
    {
        if (dt == DType.Pred)
        {
            // On i1, StableHLO's add/maximum are logical or and multiply/minimum logical and.
            return name switch
            {
                Ops.And or Ops.Multiply or Ops.Minimum => Node(g, "And", [x, y]),
                Ops.Or or Ops.Add or Ops.Maximum => Node(g, "Or", [x, y]),
                Ops.Xor => Node(g, "Xor", [x, y]),
                _ => throw Unsupported(name, dt),
            };
        }
        bool isInt = dt.IsInteger();
        return name switch
        {
            Ops.Add => Node(g, "Add", [x, y]),
            Ops.Subtract => Node(g, "Sub", [x, y]),
            Ops.Multiply => Node(g, "Mul", [x, y]),
            Ops.Divide when isInt => IntDivide(g, dt, x, y),
            Ops.Divide => Node(g, "Div", [x, y]),
            Ops.Remainder when isInt => IntRemainder(g, dt, x, y),
            Ops.Remainder => Node(g, "Mod", [x, y], OnnxAttribute.Of("fmod", 1L)),
            Ops.Maximum => Node(g, "Max", [x, y]),
            Ops.Minimum => Node(g, "Min", [x, y]),
            Ops.Power when isInt => IntPower(g, dt, x, y),
            Ops.Power => Node(g, "Pow", [x, y]),
            Ops.Atan2 when !isInt => Atan2(g, dt, x, y),
            Ops.And when isInt => Node(g, "BitwiseAnd", [x, y]),
            Ops.Or when isInt => Node(g, "BitwiseOr", [x, y]),
            Ops.Xor when isInt => Node(g, "BitwiseXor", [x, y]),
            _ => throw Unsupported(name, dt),
        };
    }

    /// <summary>
    /// Truncating division that never traps: x/0 = -1 and x/-1 = -x (so MIN/-1 = MIN), as XLA and the interpreter
    /// define them. ONNX Runtime divides with the CPU's instruction, which faults on both.
    /// </summary>
    private string IntDivide(Scope g, DType dt, string x, string y)
    {
        var (isZero, isMinusOne, safe) = SafeDivisor(g, dt, y);
        var q = Node(g, "Div", [x, safe]);
        var neg = Node(g, "Neg", [x]);
        var q1 = Node(g, "Where", [isMinusOne, neg, q]);
        return Node(g, "Where", [isZero, ScalarInt(g, dt, -1), q1]);
    }

    /// <summary>Remainder with the dividend's sign: x - trunc(x/y)*y, with x%0 = x and x%-1 = 0 (exact for all of s64, unlike fmod through double).</summary>
    private string IntRemainder(Scope g, DType dt, string x, string y)
    {
        var (isZero, _, safe) = SafeDivisor(g, dt, y);
        var q = Node(g, "Div", [x, safe]);
        var r = Node(g, "Sub", [x, Node(g, "Mul", [q, safe])]);
        return Node(g, "Where", [isZero, x, r]);
    }

    /// <summary>
    /// Integer power by squaring, wrapping as the interpreter does: ONNX Runtime's integer Pow goes through double, which
    /// loses low bits past 2^53 and saturates on overflow. A Loop of one step per exponent bit (31 or 63); negative
    /// exponents give 0 except for bases 1 and -1.
    /// </summary>
    private string IntPower(Scope g, DType dt, string x, string y)
    {
        if (g.Vectorized) throw Unsupported("integer stablehlo.power inside a reduce body", dt);
        var type = _op!.Results[0].Type;
        int elem = Elem(dt);
        var dims = Dims(type.Shape);
        var zero = ScalarInt(g, dt, 0);
        var one = ScalarInt(g, dt, 1);
        var body = new Scope(g, Fresh("power_body"));
        string iter = Fresh("iter"), condIn = Fresh("cond"), r = Fresh("r"), b = Fresh("b"), e = Fresh("e");
        body.AddInput(iter, OnnxProto.Int64, []);
        body.AddInput(condIn, OnnxProto.Bool, []);
        body.AddInput(r, elem, dims);
        body.AddInput(b, elem, dims);
        body.AddInput(e, elem, dims);
        var two = ScalarInt(body, dt, 2);
        var half = Node(body, "Div", [e, two]);
        var odd = Node(body, "Not", [Node(body, "Equal", [Node(body, "Sub", [e, Node(body, "Mul", [half, two])]), ScalarInt(body, dt, 0)])]);
        var nextR = Node(body, "Where", [odd, Node(body, "Mul", [r, b]), r]);
        var nextB = Node(body, "Mul", [b, b]);
        body.Graph.Outputs.Add(new OnnxValueInfo(Node(body, "Identity", [condIn]), OnnxProto.Bool, []));
        SetOutputs(body, [nextR, nextB, half], [type, type, type]);
        var shape = Ints(g, dims);
        var start = Node(g, "Expand", [one, shape]);
        var base0 = Node(g, "Expand", [x, shape]);
        var exponent = Node(g, "Expand", [Node(g, "Max", [y, zero]), shape]);
        var trip = ConstTensor(g, new OnnxTensor(OnnxProto.Int64, [], BitConverter.GetBytes(dt == DType.S32 ? 31L : 63L)));
        var outs = NodeN(g, "Loop", [trip, Scalar(g, DType.Pred, 1), start, base0, exponent], 3, OnnxAttribute.Of("body", body.Graph));
        // Negative exponents: 1 for base 1, ±1 for base -1 by the exponent's parity, else 0.
        var minusOne = ScalarInt(g, dt, -1);
        var even = Node(g, "Equal", [Node(g, "Sub", [y, Node(g, "Mul", [Node(g, "Div", [y, ScalarInt(g, dt, 2)]), ScalarInt(g, dt, 2)])]), zero]);
        var negative = Node(g, "Where", [Node(g, "Equal", [x, one]), one,
            Node(g, "Where", [Node(g, "Equal", [x, minusOne]), Node(g, "Where", [even, one, minusOne]), zero])]);
        return Node(g, "Where", [Node(g, "Less", [y, zero]), negative, outs[0]]);
    }

    private (string IsZero, string IsMinusOne, string Safe) SafeDivisor(Scope g, DType dt, string y)
    {
        var isZero = Node(g, "Equal", [y, ScalarInt(g, dt, 0)]);
        var isMinusOne = Node(g, "Equal", [y, ScalarInt(g, dt, -1)]);
        var safe = Node(g, "Where", [Node(g, "Or", [isZero, isMinusOne]), ScalarInt(g, dt, 1), y]);
        return (isZero, isMinusOne, safe);
    }

    /// <summary>atan2(y, x) from Atan and the quadrant (ONNX has no Atan2): atan(y/x), ±π when x &lt; 0, 0 at the origin.</summary>
    private string Atan2(Scope g, DType dt, string y, string x)
    {
        var zero = Scalar(g, dt, 0);
        var a = Node(g, "Atan", [Node(g, "Div", [y, x])]);
        var pi = Scalar(g, dt, Math.PI);
        var left = Node(g, "Where", [Node(g, "Less", [y, zero]), Node(g, "Sub", [a, pi]), Node(g, "Add", [a, pi])]);
        var r = Node(g, "Where", [Node(g, "Less", [x, zero]), left, a]);
        var origin = Node(g, "And", [Node(g, "Equal", [x, zero]), Node(g, "Equal", [y, zero])]);
        return Node(g, "Where", [origin, zero, r]);
    }

    private string Unary(Scope g, string name, DType dt, string x)
    {
        if (dt == DType.Pred) return name == Ops.Not ? Node(g, "Not", [x]) : throw Unsupported(name, dt);
        if (dt.IsInteger())
        {
            return name switch
            {
                Ops.Negate => Node(g, "Neg", [x]),
                Ops.Abs => Node(g, "Abs", [x]),
                Ops.Sign => Node(g, "Sign", [x]),
                Ops.Not => Node(g, "BitwiseNot", [x]),
                _ => throw Unsupported(name, dt),
            };
        }
        return name switch
        {
            Ops.Negate => Node(g, "Neg", [x]),
            Ops.Abs => Node(g, "Abs", [x]),
            Ops.Exp => Node(g, "Exp", [x]),
            Ops.Expm1 => Expm1(g, dt, x),
            Ops.Log => Node(g, "Log", [x]),
            Ops.Log1p => Log1p(g, dt, x),
            Ops.Logistic => Node(g, "Sigmoid", [x]),
            Ops.Tanh => Node(g, "Tanh", [x]),
            Ops.Sqrt => Node(g, "Sqrt", [x]),
            Ops.Rsqrt => Node(g, "Reciprocal", [Node(g, "Sqrt", [x])]),
            Ops.Sine => Node(g, "Sin", [x]),
            Ops.Cosine => Node(g, "Cos", [x]),
            Ops.Floor => Node(g, "Floor", [x]),
            Ops.Ceil => Node(g, "Ceil", [x]),
            Ops.RoundNearestEven => Node(g, "Round", [x]),
            // ONNX Sign maps NaN to 0; StableHLO keeps NaN.
            Ops.Sign => Node(g, "Where", [Node(g, "IsNaN", [x]), x, Node(g, "Sign", [x])]),
            _ => throw Unsupported(name, dt),
        };
    }

    /// <summary>e^x - 1 without the cancellation near 0: Kahan's (u - 1)·x / log u for |x| &lt; 0.5 (u = e^x), x itself where u rounds to 1.</summary>
    private string Expm1(Scope g, DType dt, string x)
    {
        var one = Scalar(g, dt, 1);
        var u = Node(g, "Exp", [x]);
        var um1 = Node(g, "Sub", [u, one]);
        var kahan = Node(g, "Div", [Node(g, "Mul", [um1, x]), Node(g, "Log", [u])]);
        var small = Node(g, "Where", [Node(g, "Equal", [u, one]), x, kahan]);
        return Node(g, "Where", [Node(g, "Less", [Node(g, "Abs", [x]), Scalar(g, dt, 0.5)]), small, um1]);
    }

    /// <summary>log(1 + x) without the cancellation near 0: log u · x / (u - 1) for |x| &lt; 0.5 (u = 1 + x), x itself where u rounds to 1.</summary>
    private string Log1p(Scope g, DType dt, string x)
    {
        var one = Scalar(g, dt, 1);
        var u = Node(g, "Add", [x, one]);
        var logU = Node(g, "Log", [u]);
        var kahan = Node(g, "Div", [Node(g, "Mul", [logU, x]), Node(g, "Sub", [u, one])]);
        var small = Node(g, "Where", [Node(g, "Equal", [u, one]), x, kahan]);
        return Node(g, "Where", [Node(g, "Less", [Node(g, "Abs", [x]), Scalar(g, dt, 0.5)]), small, logU]);
    }

    private string Compare(Scope g, Operation op)
    {
        var dir = op.Attribute<ComparisonDirectionAttr>("comparison_direction").Direction;
        var dt = op.Operands[0].Type.DType;
        return Compare(g, dir, dt, g.Of(op.Operands[0]), g.Of(op.Operands[1]));
    }

    private string Compare(Scope g, ComparisonDirection dir, DType dt, string x, string y)
    {
        if (dt == DType.Pred && dir is not (ComparisonDirection.EQ or ComparisonDirection.NE))
        {
            // Ordering on pred (false < true): ONNX orders numbers only.
            x = Node(g, "Cast", [x], OnnxAttribute.Of("to", (long)OnnxProto.Int32));
            y = Node(g, "Cast", [y], OnnxAttribute.Of("to", (long)OnnxProto.Int32));
        }
        return dir switch
        {
            ComparisonDirection.EQ => Node(g, "Equal", [x, y]),
            ComparisonDirection.NE => Node(g, "Not", [Node(g, "Equal", [x, y])]),
            ComparisonDirection.LT => Node(g, "Less", [x, y]),
            ComparisonDirection.LE => Node(g, "LessOrEqual", [x, y]),
            ComparisonDirection.GT => Node(g, "Greater", [x, y]),
            ComparisonDirection.GE => Node(g, "GreaterOrEqual", [x, y]),
            _ => throw Fail($"comparison direction {dir}"),
        };
    }

    /// <summary>clamp(min, x, max) = min(max(x, min), max); 0-d bounds broadcast.</summary>
    private string Clamp(Scope g, Operation op)
    {
        var dt = op.Results[0].Type.DType;
        if (dt == DType.Pred) throw Unsupported(op.Name, dt);
        var lo = g.Of(op.Operands[0]);
        var x = g.Of(op.Operands[1]);
        var hi = g.Of(op.Operands[2]);
        return Node(g, "Min", [Node(g, "Max", [x, lo]), hi]);
    }

    /// <summary>
    /// convert: float→int truncates toward zero and saturates, NaN→0 (ONNX Cast leaves out-of-range values undefined,
    /// so the export clamps first); int→int wraps and →pred is x != 0, which Cast does as is.
    /// </summary>
    private string Convert(Scope g, DType from, DType to, string x)
    {
        if (from == to) return Node(g, "Identity", [x]);
        var cast = OnnxAttribute.Of("to", (long)Elem(to));
        if (!from.IsFloat() || !to.IsInteger()) return Node(g, "Cast", [x], cast);
        double min = to == DType.S32 ? int.MinValue : long.MinValue;       // -2^31, -2^63: exact in both float types
        double limit = to == DType.S32 ? 2147483648.0 : 9223372036854775808.0; // 2^31, 2^63: the first value out of range
        double below = from == DType.F32 ? (double)MathF.BitDecrement((float)limit) : Math.BitDecrement(limit);
        if (to == DType.S32 && from == DType.F64) below = int.MaxValue;
        var noNan = Node(g, "Where", [Node(g, "IsNaN", [x]), Scalar(g, from, 0), x]);
        var inRange = Node(g, "Min", [Node(g, "Max", [noNan, Scalar(g, from, min)]), Scalar(g, from, below)]);
        var c = Node(g, "Cast", [inRange], cast);
        var max = ScalarInt(g, to, to == DType.S32 ? int.MaxValue : long.MaxValue);
        return Node(g, "Where", [Node(g, "GreaterOrEqual", [noNan, Scalar(g, from, limit)]), max, c]);
    }
}
