using LoopGen.Ir;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

public class ShapeAndSliceTests
{
    public static TheoryData<DType> AllDTypes() => [DType.Pred, DType.S32, DType.S64, DType.F32, DType.F64];

    private static TensorType T(DType d, params int[] s) => IrBuilder.T(d, s);

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Constant_full_and_splat(DType dtype)
    {
        foreach (var shape in new[] { Array.Empty<int>(), [0, 3], [2, 3] })
        {
            var t = T(dtype, shape);
            var data = Random(t);
            var b = new IrBuilder();
            var full = b.Constant(t, data);
            var one = Random(dtype, 1);
            var splat = b.Constant(t, one);
            var r = Run(b.Module(full, splat));
            Assert.Equal(data, r[0]);
            Assert.Equal(Ref.Build(one, shape, _ => one.GetValue(0)!), r[1]);
        }
    }

    [Theory]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    public void Iota_along_each_dim(DType dtype)
    {
        int[] shape = [2, 3, 4];
        for (int d = 0; d < 3; d++)
        {
            var r = Both1(Ops.Iota, [], T(dtype, shape), [], IrBuilder.Int("iota_dimension", d));
            var like = Array.CreateInstance(dtype.ClrType(), 0);
            Assert.Equal(Ref.Build(like, shape, idx => System.Convert.ChangeType(idx[d], dtype.ClrType())), r);
        }
        Assert.Empty(Both1(Ops.Iota, [], T(dtype, 0, 3), [], IrBuilder.Int("iota_dimension", 1)));
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Broadcast_in_dim(DType dtype)
    {
        // operand [3,1] → result [2,3,4] with dims (1, 2): the size-1 dim repeats, dim 0 is new.
        var cases = new (int[] In, int[] Out, long[] Map)[]
        {
            ([3, 1], [2, 3, 4], [1, 2]),
            ([], [2, 2], []),
            ([3], [3, 0], [0]),
            ([1, 4], [1, 4], [0, 1]),
            ([4, 3], [3, 4], [1, 0]),
        };
        foreach (var (inShape, outShape, map) in cases)
        {
            var x = Random(T(dtype, inShape));
            var r = Both1(Ops.BroadcastInDim, [T(dtype, inShape)], T(dtype, outShape), [x], IrBuilder.Ints("broadcast_dimensions", map));
            Assert.Equal(Ref.Build(x, outShape, idx => Ref.At(x, inShape, [.. map.Select((m, i) => inShape[i] == 1 ? 0 : idx[m])])), r);
        }
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Reshape_transpose_reverse(DType dtype)
    {
        int[] shape = [2, 3, 4];
        var t = T(dtype, shape);
        var x = Random(t);
        Assert.Equal(x, Both1(Ops.Reshape, [t], T(dtype, 4, 6), [x]));
        Assert.Equal(x, Both1(Ops.Reshape, [t], T(dtype, 24), [x]));
        var one = Random(T(dtype));
        Assert.Equal(one, Both1(Ops.Reshape, [T(dtype)], T(dtype, 1, 1), [one]));

        long[] perm = [2, 0, 1];
        int[] pshape = [4, 2, 3];
        var tr = Both1(Ops.Transpose, [t], T(dtype, pshape), [x], IrBuilder.Ints("permutation", perm));
        Assert.Equal(Ref.Build(x, pshape, idx =>
        {
            var src = new int[3];
            for (int i = 0; i < 3; i++) src[perm[i]] = idx[i];
            return Ref.At(x, shape, src);
        }), tr);

        var empty = T(dtype, 0, 3);
        Assert.Empty(Both1(Ops.Transpose, [empty], T(dtype, 3, 0), [Random(empty)], IrBuilder.Ints("permutation", 1, 0)));

        foreach (var dims in new long[][] { [0], [1, 2], [], [0, 1, 2] })
        {
            var rv = Both1(Ops.Reverse, [t], t, [x], IrBuilder.Ints("dimensions", dims));
            Assert.Equal(Ref.Build(x, shape, idx => Ref.At(x, shape, [.. idx.Select((v, k) => dims.Contains(k) ? shape[k] - 1 - v : v)])), rv);
        }
        Assert.Empty(Both1(Ops.Reverse, [empty], empty, [Random(empty)], IrBuilder.Ints("dimensions", 0, 1)));
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Slice_with_strides(DType dtype)
    {
        int[] shape = [5, 7];
        var t = T(dtype, shape);
        var x = Random(t);
        var cases = new (long[] Start, long[] Limit, long[] Strides)[]
        {
            ([1, 2], [4, 7], [1, 2]),
            ([0, 0], [5, 7], [2, 3]),
            ([2, 3], [2, 5], [1, 1]),
            ([4, 6], [5, 7], [1, 1]),
        };
        foreach (var (start, limit, strides) in cases)
        {
            int[] outShape = [.. start.Select((s, k) => (int)((limit[k] - s + strides[k] - 1) / strides[k]))];
            var r = Both1(Ops.Slice, [t], T(dtype, outShape), [x],
                IrBuilder.Ints("start_indices", start), IrBuilder.Ints("limit_indices", limit), IrBuilder.Ints("strides", strides));
            Assert.Equal(Ref.Build(x, outShape, idx => Ref.At(x, shape, [.. idx.Select((v, k) => (int)(start[k] + v * strides[k]))])), r);
        }
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Dynamic_slice_clamps_starts(DType dtype)
    {
        int[] shape = [5, 6];
        var t = T(dtype, shape);
        var x = Random(t);
        int[] size = [2, 3];
        foreach (var (i, j) in new[] { (0, 0), (1, 2), (4, 5), (-3, 100), (int.MaxValue, int.MinValue), (3, 3) })
        {
            var s32 = TensorType.Scalar(DType.S32);
            var r = Both1(Ops.DynamicSlice, [t, s32, s32], T(dtype, size), [x, new[] { i }, new[] { j }], IrBuilder.Ints("slice_sizes", 2, 3));
            int ci = Math.Clamp(i, 0, shape[0] - size[0]), cj = Math.Clamp(j, 0, shape[1] - size[1]);
            Assert.Equal(Ref.Build(x, size, idx => Ref.At(x, shape, [idx[0] + ci, idx[1] + cj])), r);
        }
        // s64 indices and a 0-size slice.
        var s64 = TensorType.Scalar(DType.S64);
        var z = Both1(Ops.DynamicSlice, [t, s64, s64], T(dtype, 0, 6), [x, new[] { 9L }, new[] { 9L }], IrBuilder.Ints("slice_sizes", 0, 6));
        Assert.Empty(z);
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Dynamic_update_slice_clamps_starts_and_leaves_operand_alone(DType dtype)
    {
        int[] shape = [4, 5];
        int[] ushape = [2, 3];
        var t = T(dtype, shape);
        var ut = T(dtype, ushape);
        foreach (var (i, j) in new[] { (0, 0), (1, 1), (3, 4), (-1, 99) })
        {
            var x = Random(t);
            var u = Random(ut);
            var xCopy = (Array)x.Clone();
            var s32 = TensorType.Scalar(DType.S32);
            var r = Both1(Ops.DynamicUpdateSlice, [t, ut, s32, s32], t, [x, u, new[] { i }, new[] { j }]);
            int ci = Math.Clamp(i, 0, 2), cj = Math.Clamp(j, 0, 2);
            Assert.Equal(Ref.Build(x, shape, idx =>
                idx[0] >= ci && idx[0] < ci + 2 && idx[1] >= cj && idx[1] < cj + 3 ? Ref.At(u, ushape, [idx[0] - ci, idx[1] - cj]) : Ref.At(x, shape, idx)), r);
            Assert.Equal(xCopy, x);
        }
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Concatenate_along_each_dim(DType dtype)
    {
        int[] a = [2, 3], b = [2, 1], c = [2, 0];
        var xa = Random(T(dtype, a));
        var xb = Random(T(dtype, b));
        var xc = Random(T(dtype, c));
        var r = Both1(Ops.Concatenate, [T(dtype, a), T(dtype, b), T(dtype, c)], T(dtype, 2, 4), [xa, xb, xc], IrBuilder.Int("dimension", 1));
        Assert.Equal(Ref.Build(xa, [2, 4], idx => idx[1] < 3 ? Ref.At(xa, a, idx) : Ref.At(xb, b, [idx[0], idx[1] - 3])), r);

        int[] d = [1, 3];
        var xd = Random(T(dtype, d));
        var r0 = Both1(Ops.Concatenate, [T(dtype, a), T(dtype, d)], T(dtype, 3, 3), [xa, xd], IrBuilder.Int("dimension", 0));
        Assert.Equal(Ref.Build(xa, [3, 3], idx => idx[0] < 2 ? Ref.At(xa, a, idx) : Ref.At(xd, d, [0, idx[1]])), r0);
    }

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Pad_edge_and_interior(DType dtype)
    {
        int[] shape = [2, 3];
        var x = Random(T(dtype, shape));
        var pv = Random(T(dtype));
        long[] lo = [1, 0], hi = [2, 1], interior = [1, 2];
        int[] outShape = [1 + 2 + 2 + 1, 0 + 1 + 3 + 4];
        var r = Both1(Ops.Pad, [T(dtype, shape), T(dtype)], T(dtype, outShape), [x, pv],
            IrBuilder.Ints("edge_padding_low", lo), IrBuilder.Ints("edge_padding_high", hi), IrBuilder.Ints("interior_padding", interior));
        Assert.Equal(Ref.Build(x, outShape, idx =>
        {
            var src = new int[2];
            for (int k = 0; k < 2; k++)
            {
                long p = idx[k] - lo[k];
                if (p < 0 || p % (interior[k] + 1) != 0 || p / (interior[k] + 1) >= shape[k]) return pv.GetValue(0)!;
                src[k] = (int)(p / (interior[k] + 1));
            }
            return Ref.At(x, shape, src);
        }), r);
        var e = Both1(Ops.Pad, [T(dtype, 0), T(dtype)], T(dtype, 3), [Random(T(dtype, 0)), pv],
            IrBuilder.Ints("edge_padding_low", 1), IrBuilder.Ints("edge_padding_high", 2), IrBuilder.Ints("interior_padding", 5));
        Assert.Equal(Ref.Build(pv, [3], _ => pv.GetValue(0)!), e);
    }
}
