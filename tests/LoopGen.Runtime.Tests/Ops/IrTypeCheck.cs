using LoopGen.Ir;
using HloOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.TensorOps;

/// <summary>
/// An independent check that every traced op has the operand and result types StableHLO requires (as listed in
/// <see cref="HloOps"/>), so tests catch an ill-typed op without a backend.
/// </summary>
internal static class IrTypeCheck
{
    public static void Verify(Block block)
    {
        foreach (var op in block.Operations) Verify(op);
    }

    private static long[] Arr(Operation op, string name) => [.. op.Attribute<I64ArrayAttr>(name).Values];

    private static void Verify(Operation op)
    {
        var ins = op.Operands.Select(v => v.Type).ToArray();
        var outs = op.Results.Select(v => v.Type).ToArray();
        string where = $"{op.Name}({string.Join(", ", ins.Select(t => t.ToString()))}) -> {string.Join(", ", outs.Select(t => t.ToString()))}";
        void Check(bool ok, string what) => Assert.True(ok, $"ill-typed {where}: {what}");

        if (HloOps.ElementwiseBinary.Contains(op.Name))
        {
            Check(ins.Length == 2 && ins[0] == ins[1] && outs[0] == ins[0], "operands and result must share one type");
            return;
        }
        if (HloOps.ElementwiseUnary.Contains(op.Name))
        {
            Check(ins.Length == 1 && outs[0] == ins[0], "operand and result must share one type");
            return;
        }
        switch (op.Name)
        {
            case HloOps.Constant:
                Check(op.Attribute<DenseAttr>("value").Type == outs[0], "value type");
                break;
            case HloOps.Iota:
                Check(op.Attribute<IntAttr>("iota_dimension").Value < outs[0].Shape.Rank, "iota_dimension");
                break;
            case HloOps.Compare:
                Check(ins[0] == ins[1] && outs[0] == new TensorType(DType.Pred, ins[0].Shape), "compare types");
                Check(op.Attribute("comparison_direction") is ComparisonDirectionAttr, "direction");
                break;
            case HloOps.Select:
                Check(ins[0].DType == DType.Pred && (ins[0].Shape == outs[0].Shape || ins[0].Shape.Rank == 0), "pred shape");
                Check(ins[1] == outs[0] && ins[2] == outs[0], "branches");
                break;
            case HloOps.Clamp:
                Check(ins[1] == outs[0], "operand");
                Check(ins[0].DType == outs[0].DType && (ins[0].Shape == outs[0].Shape || ins[0].Shape.Rank == 0), "min");
                Check(ins[2].DType == outs[0].DType && (ins[2].Shape == outs[0].Shape || ins[2].Shape.Rank == 0), "max");
                break;
            case HloOps.Convert:
                Check(ins[0].Shape == outs[0].Shape, "same shape");
                break;
            case HloOps.BroadcastInDim:
                var bd = Arr(op, "broadcast_dimensions");
                Check(ins[0].DType == outs[0].DType && bd.Length == ins[0].Shape.Rank, "dims per operand axis");
                for (int i = 0; i < bd.Length; i++)
                {
                    Check(bd[i] < outs[0].Shape.Rank && (i == 0 || bd[i] > bd[i - 1]), "dims increasing and in range");
                    Check(ins[0].Shape[i] == 1 || ins[0].Shape[i] == outs[0].Shape[(int)bd[i]], "operand dim 1 or equal");
                }
                break;
            case HloOps.Reshape:
                Check(ins[0].DType == outs[0].DType && ins[0].Shape.ElementCount == outs[0].Shape.ElementCount, "element count");
                break;
            case HloOps.Transpose:
                var perm = Arr(op, "permutation");
                Check(perm.Length == ins[0].Shape.Rank, "permutation length");
                for (int i = 0; i < perm.Length; i++) Check(outs[0].Shape[i] == ins[0].Shape[(int)perm[i]], "permuted dims");
                break;
            case HloOps.Reverse:
                Check(ins[0] == outs[0], "same type");
                break;
            case HloOps.Slice:
                var st = Arr(op, "start_indices");
                var li = Arr(op, "limit_indices");
                Check(st.Length == ins[0].Shape.Rank && li.Length == st.Length, "bounds per axis");
                for (int i = 0; i < st.Length; i++)
                {
                    Check(0 <= st[i] && st[i] <= li[i] && li[i] <= ins[0].Shape[i] && outs[0].Shape[i] == li[i] - st[i], "bounds");
                }
                break;
            case HloOps.DynamicSlice:
                var sizes = Arr(op, "slice_sizes");
                Check(ins.Length == 1 + ins[0].Shape.Rank, "one start per axis");
                Check(ins.Skip(1).All(t => t.Shape.Rank == 0 && t.DType.IsInteger() && t.DType == ins[1].DType), "0-d integer starts of one dtype");
                Check(outs[0] == new TensorType(ins[0].DType, new Shape([.. sizes.Select(s => (int)s)])), "result = slice_sizes");
                break;
            case HloOps.DynamicUpdateSlice:
                Check(outs[0] == ins[0] && ins[1].DType == ins[0].DType && ins[1].Shape.Rank == ins[0].Shape.Rank, "update type");
                Check(ins.Length == 2 + ins[0].Shape.Rank, "one start per axis");
                Check(ins.Skip(2).All(t => t.Shape.Rank == 0 && t.DType.IsInteger() && t.DType == ins[2].DType), "0-d integer starts of one dtype");
                break;
            case HloOps.Concatenate:
                int dim = (int)op.Attribute<IntAttr>("dimension").Value;
                Check(ins.All(t => t.DType == outs[0].DType && t.Shape.Rank == outs[0].Shape.Rank), "ranks and dtypes");
                Check(ins.Sum(t => t.Shape[dim]) == outs[0].Shape[dim], "joined size");
                break;
            case HloOps.Pad:
                Check(ins[1] == TensorType.Scalar(ins[0].DType) && outs[0].DType == ins[0].DType, "padding value");
                break;
            case HloOps.DotGeneral:
                var dn = op.Attribute<DotDimensionsAttr>("dot_dimension_numbers");
                Check(ins[0].DType == ins[1].DType && outs[0].DType == ins[0].DType, "dtypes");
                var expected = new List<int>();
                for (int i = 0; i < dn.LhsBatching.Length; i++)
                {
                    Check(ins[0].Shape[(int)dn.LhsBatching[i]] == ins[1].Shape[(int)dn.RhsBatching[i]], "batch sizes");
                    expected.Add(ins[0].Shape[(int)dn.LhsBatching[i]]);
                }
                for (int i = 0; i < dn.LhsContracting.Length; i++)
                {
                    Check(ins[0].Shape[(int)dn.LhsContracting[i]] == ins[1].Shape[(int)dn.RhsContracting[i]], "contracting sizes");
                }
                for (int i = 0; i < ins[0].Shape.Rank; i++) if (!dn.LhsBatching.Contains(i) && !dn.LhsContracting.Contains(i)) expected.Add(ins[0].Shape[i]);
                for (int i = 0; i < ins[1].Shape.Rank; i++) if (!dn.RhsBatching.Contains(i) && !dn.RhsContracting.Contains(i)) expected.Add(ins[1].Shape[i]);
                Check(outs[0].Shape == new Shape([.. expected]), "result dims: batch, lhs free, rhs free");
                break;
            case HloOps.Reduce:
                int n = outs.Length;
                var dims = Arr(op, "dimensions");
                Check(ins.Length == 2 * n && op.Regions.Count == 1, "inputs and inits");
                for (int k = 0; k < n; k++)
                {
                    Check(ins[n + k] == TensorType.Scalar(ins[k].DType), "init 0-d of the input dtype");
                    var kept = Enumerable.Range(0, ins[k].Shape.Rank).Where(i => !dims.Contains(i)).Select(i => ins[k].Shape[i]);
                    Check(outs[k] == new TensorType(ins[k].DType, new Shape([.. kept])), "result drops reduced dims");
                }
                var region = op.Regions[0];
                Check(region.Arguments.Count == 2 * n && region.Terminator is { } t && t.Operands.Count == n, "region signature");
                Verify(region);
                break;
            case HloOps.Return:
                break;
            default:
                Assert.Fail($"IrTypeCheck does not know {op.Name}");
                break;
        }
    }
}
