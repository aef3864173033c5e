using LoopGen.Ir;
using static LoopGen.Autodiff.AdOps;

namespace LoopGen.Autodiff;

/// <summary>
/// One vector-Jacobian product rule per differentiable op (JAX's transpose rules, written against StableHLO): given
/// the cotangent of the result, the cotangent of each operand that needs one. Non-differentiable ops (compare, logical,
/// integer ops) never reach here because their results are never active. Rounding ops (floor, ceil, round, sign) have
/// a zero derivative almost everywhere and give no cotangent.
/// </summary>
internal static class VjpRules
{
    /// <summary>The operands' cotangents for one tape entry; null where an operand gets none.</summary>
    public static Tensor?[] Apply(Linearizer.TapeEntry e, Tensor?[] outCts, bool[] needs, AdContext ad)
    {
        var op = e.Op;
        var x = e.Inputs;
        var res = e.Outputs;
        var g = outCts[0] ?? Zeros(res[0].Type);
        var cts = new Tensor?[x.Length];
        switch (op.Name)
        {
            // ---- Elementwise binary ----
            case Ops.Add:
                cts[0] = g;
                cts[1] = g;
                break;
            case Ops.Subtract:
                cts[0] = g;
                if (needs[1]) cts[1] = Neg(g);
                break;
            case Ops.Multiply:
                if (needs[0]) cts[0] = Mul(g, x[1]);
                if (needs[1]) cts[1] = Mul(g, x[0]);
                break;
            case Ops.Divide:
                if (needs[0]) cts[0] = Div(g, x[1]);
                if (needs[1]) cts[1] = Neg(Div(Mul(g, res[0]), x[1]));
                break;
            case Ops.Remainder:
                // r = a - trunc(a / b) * b; trunc(a / b) is (a - r) / b exactly.
                cts[0] = g;
                if (needs[1]) cts[1] = Neg(Mul(g, Div(Sub(x[0], res[0]), x[1])));
                break;
            case Ops.Maximum or Ops.Minimum:
            {
                // The winner takes the cotangent; ties split it evenly (as JAX does).
                var dir = op.Name == Ops.Maximum ? ComparisonDirection.GT : ComparisonDirection.LT;
                var half = Mul(g, Const(g, 0.5));
                var tie = Compare(x[0], x[1], ComparisonDirection.EQ);
                var zero = Zeros(g.Type);
                if (needs[0]) cts[0] = Select(Compare(x[0], x[1], dir), g, Select(tie, half, zero));
                if (needs[1]) cts[1] = Select(Compare(x[1], x[0], dir), g, Select(tie, half, zero));
                break;
            }
            case Ops.Power:
                if (needs[0]) cts[0] = Mul(g, Mul(x[1], Binary(Ops.Power, x[0], Sub(x[1], Const(x[1], 1)))));
                if (needs[1])
                {
                    var safe = Select(Compare(x[0], Const(x[0], 0), ComparisonDirection.EQ), Const(x[0], 1), x[0]);
                    cts[1] = Mul(g, Mul(res[0], Unary(Ops.Log, safe)));
                }
                break;
            case Ops.Atan2:
            {
                // atan2(y, x): d/dy = x / (x² + y²), d/dx = -y / (x² + y²).
                var denom = Add(Mul(x[0], x[0]), Mul(x[1], x[1]));
                if (needs[0]) cts[0] = Div(Mul(g, x[1]), denom);
                if (needs[1]) cts[1] = Neg(Div(Mul(g, x[0]), denom));
                break;
            }

            // ---- Elementwise unary ----
            case Ops.Negate: cts[0] = Neg(g); break;
            case Ops.Abs: cts[0] = Mul(g, Unary(Ops.Sign, x[0])); break;
            case Ops.Exp: cts[0] = Mul(g, res[0]); break;
            case Ops.Expm1: cts[0] = Mul(g, Add(res[0], Const(g, 1))); break;
            case Ops.Log: cts[0] = Div(g, x[0]); break;
            case Ops.Log1p: cts[0] = Div(g, Add(x[0], Const(g, 1))); break;
            case Ops.Logistic: cts[0] = Mul(g, Mul(res[0], Sub(Const(g, 1), res[0]))); break;
            case Ops.Tanh: cts[0] = Mul(g, Sub(Const(g, 1), Mul(res[0], res[0]))); break;
            case Ops.Sqrt: cts[0] = Div(g, Mul(Const(g, 2), res[0])); break;
            case Ops.Rsqrt: cts[0] = Mul(g, Mul(Const(g, -0.5), Div(res[0], x[0]))); break;
            case Ops.Sine: cts[0] = Mul(g, Unary(Ops.Cosine, x[0])); break;
            case Ops.Cosine: cts[0] = Neg(Mul(g, Unary(Ops.Sine, x[0]))); break;
            case Ops.Floor or Ops.Ceil or Ops.RoundNearestEven or Ops.Sign:
                break; // piecewise constant: zero derivative almost everywhere

            // ---- Other elementwise ----
            case Ops.Select:
                if (needs[1]) cts[1] = Select(x[0], g, Zeros(g.Type));
                if (needs[2]) cts[2] = Select(x[0], Zeros(g.Type), g);
                break;
            case Ops.Clamp:
            {
                var lo = Splat(x[0], x[1].Shape);
                var hi = Splat(x[2], x[1].Shape);
                var zero = Zeros(g.Type);
                if (needs[1]) cts[1] = Select(And(Compare(x[1], lo, ComparisonDirection.GE), Compare(x[1], hi, ComparisonDirection.LE)), g, zero);
                if (needs[0]) cts[0] = SumTo(Select(Compare(x[1], lo, ComparisonDirection.LT), g, zero), x[0].Type);
                if (needs[2]) cts[2] = SumTo(Select(Compare(x[1], hi, ComparisonDirection.GT), g, zero), x[2].Type);
                break;
            }
            case Ops.Convert:
                if (needs[0]) cts[0] = Convert(g, x[0].DType);
                break;

            // ---- Shape ----
            case Ops.BroadcastInDim: cts[0] = UnBroadcast(g, x[0], op.Attribute<I64ArrayAttr>("broadcast_dimensions").Values); break;
            case Ops.Reshape: cts[0] = Reshape(g, x[0].Shape); break;
            case Ops.Transpose:
            {
                var perm = op.Attribute<I64ArrayAttr>("permutation").Values;
                var inverse = new long[perm.Length];
                for (int i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
                cts[0] = Transpose(g, inverse);
                break;
            }
            case Ops.Reverse:
                cts[0] = Tensor.Apply1(Ops.Reverse, [g], g.Type, [new NamedAttr("dimensions", op.Attribute<I64ArrayAttr>("dimensions"))]);
                break;
            case Ops.Slice: cts[0] = UnSlice(g, x[0], op); break;
            case Ops.DynamicSlice:
                // Dense for the record, but marked as one window: adding it to another cotangent updates that window only.
                cts[0] = DynamicUpdateSlice(Zeros(x[0].Type), g, x[1..]);
                ad.Windows[cts[0]!] = (g, x[1..]);
                break;
            case Ops.DynamicUpdateSlice:
                if (needs[0]) cts[0] = DynamicUpdateSlice(g, Zeros(x[1].Type), x[2..]);
                if (needs[1]) cts[1] = DynamicSlice(g, x[2..], x[1].Shape);
                break;
            case Ops.Concatenate:
            {
                int axis = (int)op.Attribute<IntAttr>("dimension").Value;
                long offset = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    long size = x[i].Shape[axis];
                    if (needs[i])
                    {
                        var start = new long[g.Rank];
                        var limit = g.Shape.ToArray().Select(d => (long)d).ToArray();
                        start[axis] = offset;
                        limit[axis] = offset + size;
                        cts[i] = Slice(g, start, limit, [.. Enumerable.Repeat(1L, g.Rank)]);
                    }
                    offset += size;
                }
                break;
            }
            case Ops.Pad:
            {
                var low = op.Attribute<I64ArrayAttr>("edge_padding_low").Values;
                var interior = op.Attribute<I64ArrayAttr>("interior_padding").Values;
                var start = new long[x[0].Rank];
                var limit = new long[x[0].Rank];
                var strides = new long[x[0].Rank];
                for (int d = 0; d < start.Length; d++)
                {
                    if (low[d] < 0) throw new MissingRuleException(op, "negative edge padding has no gradient rule yet");
                    start[d] = low[d];
                    strides[d] = interior[d] + 1;
                    limit[d] = x[0].Shape[d] == 0 ? low[d] : low[d] + (x[0].Shape[d] - 1) * strides[d] + 1;
                }
                var inner = Slice(g, start, limit, strides);
                if (needs[0]) cts[0] = inner;
                if (needs[1]) cts[1] = Sub(SumAll(g), SumAll(inner));
                break;
            }

            // ---- Linear algebra and reductions ----
            case Ops.DotGeneral: DotGeneralRule(op, x, g, needs, cts); break;
            case Ops.Reduce: Reduce(op, x, res, outCts, needs, cts); break;
            case Ops.Constant or Ops.Iota:
                break;
            default:
                throw new MissingRuleException(op, "no gradient rule for this op");
        }
        return cts;
    }

    /// <summary>broadcast_in_dim's transpose: sum over the added and the stretched dimensions.</summary>
    private static Tensor UnBroadcast(Tensor g, Tensor operand, System.Collections.Immutable.ImmutableArray<long> dims)
    {
        var reduce = new List<int>();
        for (int d = 0; d < g.Rank; d++)
        {
            int i = dims.IndexOf(d);
            if (i < 0 || (operand.Shape[i] == 1 && g.Shape[d] != 1)) reduce.Add(d);
        }
        var summed = SumDims(g, reduce);
        // The kept result dims are in result order; put them in operand order before the final reshape.
        var keptOperandDims = Enumerable.Range(0, operand.Rank).Where(i => !reduce.Contains((int)dims[i])).OrderBy(i => dims[i]).ToArray();
        var perm = keptOperandDims.Select((_, k) => (long)k).ToArray();
        var sortedByOperand = keptOperandDims.OrderBy(i => i).ToArray();
        for (int k = 0; k < sortedByOperand.Length; k++) perm[k] = Array.IndexOf(keptOperandDims, sortedByOperand[k]);
        return Reshape(Transpose(summed, perm), operand.Shape);
    }

    /// <summary>slice's transpose: the cotangent padded back to the operand's shape with zeros.</summary>
    private static Tensor UnSlice(Tensor g, Tensor operand, Operation op)
    {
        var start = op.Attribute<I64ArrayAttr>("start_indices").Values;
        var strides = op.Attribute<I64ArrayAttr>("strides").Values;
        var low = new long[g.Rank];
        var high = new long[g.Rank];
        var interior = new long[g.Rank];
        for (int d = 0; d < g.Rank; d++)
        {
            long n = g.Shape[d];
            low[d] = start[d];
            interior[d] = n == 0 ? 0 : strides[d] - 1;
            long covered = n == 0 ? 0 : (n - 1) * strides[d] + 1;
            high[d] = operand.Shape[d] - start[d] - covered;
        }
        return Pad(g, Scalar(g.DType, 0), low, high, interior);
    }

    /// <summary>dot_general's transposes: contract the cotangent with the other operand, then restore the operand's layout.</summary>
    private static void DotGeneralRule(Operation op, Tensor[] x, Tensor g, bool[] needs, Tensor?[] cts)
    {
        var dn = op.Attribute<DotDimensionsAttr>("dot_dimension_numbers");
        var (lhs, rhs) = (x[0], x[1]);
        long[] lb = [.. dn.LhsBatching], rb = [.. dn.RhsBatching], lc = [.. dn.LhsContracting], rc = [.. dn.RhsContracting];
        var lf = Enumerable.Range(0, lhs.Rank).Where(d => !lb.Contains(d) && !lc.Contains(d)).Select(d => (long)d).ToArray();
        var rf = Enumerable.Range(0, rhs.Rank).Where(d => !rb.Contains(d) && !rc.Contains(d)).Select(d => (long)d).ToArray();
        int nb = lb.Length;
        var gBatch = Enumerable.Range(0, nb).Select(d => (long)d).ToArray();
        var gLhsFree = Enumerable.Range(nb, lf.Length).Select(d => (long)d).ToArray();
        var gRhsFree = Enumerable.Range(nb + lf.Length, rf.Length).Select(d => (long)d).ToArray();
        if (needs[0])
        {
            // dot(g, rhs): batch, lhs free (from g), then rhs's contracting dims in rhs order, each standing for its lhs partner.
            var order = new List<long>(lb);
            order.AddRange(lf);
            order.AddRange(rc.OrderBy(v => v).Select(r => lc[Array.IndexOf(rc, r)]));
            // dot(rhs, g) gives batch, the contracting partners, then lhs free: taken when that needs no transpose (x·Wᵀ).
            var swapped = new List<long>(lb);
            swapped.AddRange(rc.OrderBy(v => v).Select(r => lc[Array.IndexOf(rc, r)]));
            swapped.AddRange(lf);
            cts[0] = IsIdentity(InversePositions(swapped, lhs.Rank)) && !IsIdentity(InversePositions(order, lhs.Rank))
                ? Convert(DotGeneral(rhs, g, rb, gBatch, rf, gRhsFree), lhs.DType)
                : Convert(Transpose(DotGeneral(g, rhs, gBatch, rb, gRhsFree, rf), InversePositions(order, lhs.Rank)), lhs.DType);
        }
        if (needs[1])
        {
            // dot(g, lhs): batch, rhs free (from g), then lhs's contracting dims in lhs order, each standing for its rhs partner.
            var order = new List<long>(rb);
            order.AddRange(rf);
            order.AddRange(lc.OrderBy(v => v).Select(l => rc[Array.IndexOf(lc, l)]));
            // dot(lhs, g) gives batch, the contracting partners, then rhs free: taken when that needs no transpose (hᵀ·g for x·W).
            var swapped = new List<long>(rb);
            swapped.AddRange(lc.OrderBy(v => v).Select(l => rc[Array.IndexOf(lc, l)]));
            swapped.AddRange(rf);
            cts[1] = IsIdentity(InversePositions(swapped, rhs.Rank)) && !IsIdentity(InversePositions(order, rhs.Rank))
                ? Convert(DotGeneral(lhs, g, lb, gBatch, lf, gLhsFree), rhs.DType)
                : Convert(Transpose(DotGeneral(g, lhs, gBatch, lb, gLhsFree, lf), InversePositions(order, rhs.Rank)), rhs.DType);
        }
    }

    private static bool IsIdentity(long[] perm)
    {
        for (int i = 0; i < perm.Length; i++)
        {
            if (perm[i] != i) return false;
        }
        return true;
    }

    /// <summary>The transpose permutation that puts result dim k (standing for operand dim order[k]) at operand dim order[k].</summary>
    private static long[] InversePositions(List<long> order, int rank)
    {
        var perm = new long[rank];
        for (int k = 0; k < order.Count; k++) perm[order[k]] = k;
        return perm;
    }

    private static void Reduce(Operation op, Tensor[] x, Tensor[] res, Tensor?[] outCts, bool[] needs, Tensor?[] cts)
    {
        if (op.Results.Count != 1) throw new MissingRuleException(op, "a reduce with several results (argmax-style) has no gradient rule");
        var body = op.Regions[0];
        var combine = body.Operations.Count == 2 ? body.Operations[0] : null;
        if (combine is null || combine.Operands.Count != 2 || body.Terminator!.Operands[0] != combine.Results[0])
        {
            throw new MissingRuleException(op, "only sum, product, max and min reductions have gradient rules");
        }
        var dims = op.Attribute<I64ArrayAttr>("dimensions").Values.Select(d => (int)d).ToHashSet();
        var operand = x[0];
        var keptDims = Enumerable.Range(0, operand.Rank).Where(d => !dims.Contains(d)).Select(d => (long)d).ToArray();
        var g = outCts[0]!;
        var gBack = BroadcastInDim(g, operand.Shape, keptDims);
        switch (combine.Name)
        {
            case Ops.Add:
                if (needs[0]) cts[0] = gBack;
                if (needs[1]) cts[1] = SumAll(g);
                break;
            case Ops.Multiply:
                // d/dx_i prod = prod / x_i (undefined where x_i = 0, as in a plain division).
                if (needs[0]) cts[0] = Div(Mul(gBack, BroadcastInDim(res[0], operand.Shape, keptDims)), operand);
                if (needs[1]) cts[1] = Div(SumAll(Mul(g, res[0])), x[1]);
                break;
            case Ops.Maximum or Ops.Minimum:
            {
                // The cotangent goes to the elements equal to the result, split evenly between ties (JAX's chooser rule).
                var ans = BroadcastInDim(res[0], operand.Shape, keptDims);
                var hit = Select(Compare(operand, ans, ComparisonDirection.EQ), Const(operand, 1), Zeros(operand.Type));
                var count = BroadcastInDim(SumDims(hit, dims), operand.Shape, keptDims);
                if (needs[0]) cts[0] = Div(Mul(gBack, hit), count);
                break;
            }
            default:
                throw new MissingRuleException(op, $"a reduction combining with {combine.Name} has no gradient rule");
        }
    }
}
