using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// Folding during a replay, for values that carry no gradient: a comparison of a loop counter whose range decides it
/// (the <c>i &lt; 0 ? i + n : i</c> wrap the loop API puts on <c>x[i]</c>, always false in a counted loop from 0) becomes
/// a constant, and a select on such a constant becomes the operand it picks. Ranges flow through adding and
/// subtracting constants (<c>x[i - lower]</c>). The forward and backward loop bodies then
/// run fewer ops per iteration.
/// </summary>
internal static class Fold
{
    /// <summary>The folded result of <paramref name="op"/> (one result, inactive), or null when it does not fold.</summary>
    public static Tensor? TryFold(AdContext ad, Operation op, Tensor[] ins)
    {
        if (op.Results.Count != 1) return null;
        switch (op.Name)
        {
            case Ops.Compare when op.Results[0].Type.Shape.Rank == 0 && Decide(ad, op) is bool known:
                ad.KnownPreds[op.Results[0]] = known;
                return AdOps.Scalar(DType.Pred, known ? 1 : 0);
            case Ops.Select when ad.KnownPreds.TryGetValue(op.Operands[0], out bool pick) && ins[1].Type == op.Results[0].Type:
                return pick ? ins[1] : ins[2];
            case Ops.Add or Ops.Subtract when op.Results[0].Type.Shape.Rank == 0:
                // Not folded, but its range is known when both operands' are (i − lower, i + 1).
                if (RangeOf(ad, op.Operands[0]) is var (alo, ahi) && RangeOf(ad, op.Operands[1]) is var (blo, bhi) && alo <= ahi && blo <= bhi)
                {
                    var (lo, hi) = op.Name == Ops.Add ? (alo + blo, ahi + bhi) : (alo - bhi, ahi - blo);
                    bool fits = op.Results[0].Type.DType != DType.S32 || (lo >= int.MinValue && hi <= int.MaxValue); // no wrap-around
                    if (fits) ad.Ranges[op.Results[0]] = (lo, hi);
                }
                return null;
            default:
                return null;
        }
    }

    private static bool? Decide(AdContext ad, Operation op)
    {
        var direction = op.Attribute<ComparisonDirectionAttr>("comparison_direction").Direction;
        if (RangeOf(ad, op.Operands[0]) is not var (alo, ahi) || RangeOf(ad, op.Operands[1]) is not var (blo, bhi)) return null;
        if (alo > ahi || blo > bhi) return null;
        return direction switch
        {
            ComparisonDirection.LT => ahi < blo ? true : alo >= bhi ? false : null,
            ComparisonDirection.LE => ahi <= blo ? true : alo > bhi ? false : null,
            ComparisonDirection.GT => alo > bhi ? true : ahi <= blo ? false : null,
            ComparisonDirection.GE => alo >= bhi ? true : ahi < blo ? false : null,
            ComparisonDirection.EQ => alo == ahi && blo == bhi && alo == blo ? true : ahi < blo || bhi < alo ? false : null,
            ComparisonDirection.NE => alo == ahi && blo == bhi && alo == blo ? false : ahi < blo || bhi < alo ? true : null,
            _ => null,
        };
    }

    /// <summary>An integer constant as a one-point range, a counter's known range, or null.</summary>
    private static (long Lo, long Hi)? RangeOf(AdContext ad, Value v)
    {
        if (!v.Type.DType.IsInteger()) return null;
        if (ad.Ranges.TryGetValue(v, out var r)) return r;
        return LoopAd.ConstantOf(ad.Producers, v) is long c ? (c, c) : null;
    }
}
