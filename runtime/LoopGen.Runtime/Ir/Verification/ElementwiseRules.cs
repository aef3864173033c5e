namespace LoopGen.Ir.Verification;

/// <summary>
/// Elementwise ops (StableHLO spec, one section per op): unary and binary ops keep one type; compare yields i1 of
/// the operands' shape; select, clamp and convert. Element families follow each op's input table.
/// </summary>
internal static class ElementwiseRules
{
    private const ElementKinds Float = ElementKinds.Float;
    private const ElementKinds Numeric = ElementKinds.Integer | ElementKinds.Float;
    private const ElementKinds Logical = ElementKinds.Bool | ElementKinds.Integer;

    /// <summary>The element families each unary op takes (I1).</summary>
    private static readonly Dictionary<string, ElementKinds> s_unary = new()
    {
        [Ops.Negate] = Numeric, [Ops.Abs] = Numeric, [Ops.Sign] = Numeric, [Ops.Not] = Logical,
        [Ops.Exp] = Float, [Ops.Expm1] = Float, [Ops.Log] = Float, [Ops.Log1p] = Float, [Ops.Logistic] = Float,
        [Ops.Tanh] = Float, [Ops.Sqrt] = Float, [Ops.Rsqrt] = Float, [Ops.Sine] = Float, [Ops.Cosine] = Float,
        [Ops.Floor] = Float, [Ops.Ceil] = Float, [Ops.RoundNearestEven] = Float,
    };

    /// <summary>The element families each binary op takes (I1, I2).</summary>
    private static readonly Dictionary<string, ElementKinds> s_binary = new()
    {
        [Ops.Add] = ElementKinds.Any, [Ops.Multiply] = ElementKinds.Any, [Ops.Maximum] = ElementKinds.Any, [Ops.Minimum] = ElementKinds.Any,
        [Ops.Subtract] = Numeric, [Ops.Divide] = Numeric, [Ops.Remainder] = Numeric, [Ops.Power] = Numeric,
        [Ops.Atan2] = Float, [Ops.And] = Logical, [Ops.Or] = Logical, [Ops.Xor] = Logical,
    };

    public static bool TryVerify(OpCheck c)
    {
        var name = c.Op.Name;
        if (s_unary.TryGetValue(name, out var unary)) Unary(c, unary);
        else if (s_binary.TryGetValue(name, out var binary)) Binary(c, binary);
        else if (name == Ops.Compare) Compare(c);
        else if (name == Ops.Select) Select(c);
        else if (name == Ops.Clamp) Clamp(c);
        else if (name == Ops.Convert) Convert(c);
        else return false;
        return true;
    }

    // (C1) type(operand) = type(result), for every unary op LoopGen emits (abs's complex case does not arise).
    private static void Unary(OpCheck c, ElementKinds kinds)
    {
        c.Arity(1, 1);
        c.NoRegions();
        c.ElementKind(c.Operand(0), kinds, "I1", "operand");
        c.Require(c.Operand(0) == c.Result(0), "C1", "type(operand) = type(result)");
    }

    // (C1) type(lhs) = type(rhs) = type(result).
    private static void Binary(OpCheck c, ElementKinds kinds)
    {
        c.Arity(2, 1);
        c.NoRegions();
        c.ElementKind(c.Operand(0), kinds, "I1", "lhs");
        c.ElementKind(c.Operand(1), kinds, "I2", "rhs");
        c.Require(c.Operand(0) == c.Operand(1) && c.Operand(1) == c.Result(0), "C1", "type(lhs) = type(rhs) = type(result)");
    }

    private static void Compare(OpCheck c)
    {
        c.Arity(2, 1);
        c.NoRegions();
        c.Attr<ComparisonDirectionAttr>("comparison_direction");
        TensorType lhs = c.Operand(0), rhs = c.Operand(1), result = c.Result(0);
        c.Require(lhs.DType == rhs.DType, "C1", "element_type(lhs) = element_type(rhs)");
        c.Require(lhs.Shape == rhs.Shape && rhs.Shape == result.Shape, "C2", "shape(lhs) = shape(rhs) = shape(result)");
        c.Require(result.DType == DType.Pred, "O1", "result must be a tensor of boolean type (i1)");
        if (c.Op.Attribute("compare_type") is { } attr)
        {
            var type = attr is ComparisonTypeAttr t ? t.Type : null;
            // (C3) SIGNED for signed integers, UNSIGNED for booleans, FLOAT or TOTALORDER for floats. LoopGen's integers
            // are signless i32/i64, which StableHLO reads as signed.
            string[] allowed = lhs.DType switch
            {
                DType.Pred => ["UNSIGNED"],
                _ when lhs.DType.IsInteger() => ["SIGNED"],
                _ => ["FLOAT", "TOTALORDER"],
            };
            c.Require(type is not null && allowed.Contains(type), "C3", $"compare_type for {lhs.DType.MlirName()} must be {string.Join(" or ", allowed)}, is {type ?? attr.ToString()}");
        }
    }

    private static void Select(OpCheck c)
    {
        c.Arity(3, 1);
        c.NoRegions();
        TensorType pred = c.Operand(0), onTrue = c.Operand(1), onFalse = c.Operand(2);
        c.Require(pred.DType == DType.Pred, "I1", $"pred must be a tensor of i1, is {OpCheck.Name(pred)}");
        c.Require(pred.Shape.Rank == 0 || pred.Shape == onTrue.Shape, "C1", "rank(pred) = 0 or shape(pred) = shape(on_true)");
        c.Require(onTrue == onFalse && onFalse == c.Result(0), "C2", "type(on_true) = type(on_false) = type(result)");
    }

    private static void Clamp(OpCheck c)
    {
        c.Arity(3, 1);
        c.NoRegions();
        TensorType min = c.Operand(0), operand = c.Operand(1), max = c.Operand(2);
        c.Require(min.Shape.Rank == 0 || min.Shape == operand.Shape, "C1", "rank(min) = 0 or shape(min) = shape(operand)");
        c.Require(max.Shape.Rank == 0 || max.Shape == operand.Shape, "C2", "rank(max) = 0 or shape(max) = shape(operand)");
        c.Require(min.DType == operand.DType && operand.DType == max.DType, "C3", "element_type(min) = element_type(operand) = element_type(max)");
        c.Require(operand == c.Result(0), "C4", "type(operand) = type(result)");
    }

    private static void Convert(OpCheck c)
    {
        c.Arity(1, 1);
        c.NoRegions();
        c.Require(c.Operand(0).Shape == c.Result(0).Shape, "C1", "shape(operand) = shape(result)");
    }
}
