using System.Collections.Immutable;
using LoopGen.Ir;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

public class DotAndReduceTests
{
    private static TensorType T(DType d, params int[] s) => IrBuilder.T(d, s);

    private static NamedAttr Dims(long[] lb, long[] rb, long[] lc, long[] rc) =>
        IrBuilder.A("dot_dimension_numbers", new DotDimensionsAttr([.. lb], [.. rb], [.. lc], [.. rc]));

    /// <summary>Naive dot_general: loops over every result index and every contracting index.</summary>
    private static double[] NaiveDot(double[] a, int[] ashape, double[] b, int[] bshape, long[] lb, long[] rb, long[] lc, long[] rc, out int[] outShape)
    {
        var lf = Enumerable.Range(0, ashape.Length).Where(d => !lb.Contains(d) && !lc.Contains(d)).ToArray();
        var rf = Enumerable.Range(0, bshape.Length).Where(d => !rb.Contains(d) && !rc.Contains(d)).ToArray();
        outShape = [.. lb.Select(d => ashape[d]), .. lf.Select(d => ashape[d]), .. rf.Select(d => bshape[d])];
        int[] cshape = [.. lc.Select(d => ashape[d])];
        var result = new double[Ref.Count(outShape)];
        for (long o = 0; o < result.Length; o++)
        {
            var idx = Ref.Unravel(o, outShape);
            var ai = new int[ashape.Length];
            var bi = new int[bshape.Length];
            int p = 0;
            for (int i = 0; i < lb.Length; i++, p++)
            {
                ai[lb[i]] = idx[p];
                bi[rb[i]] = idx[p];
            }
            foreach (var d in lf) ai[d] = idx[p++];
            foreach (var d in rf) bi[d] = idx[p++];
            double sum = 0;
            for (long c = 0; c < Ref.Count(cshape); c++)
            {
                var ci = Ref.Unravel(c, cshape);
                for (int i = 0; i < lc.Length; i++)
                {
                    ai[lc[i]] = ci[i];
                    bi[rc[i]] = ci[i];
                }
                sum += a[Ref.Ravel(ai, ashape)] * b[Ref.Ravel(bi, bshape)];
            }
            result[o] = sum;
        }
        return result;
    }

    public static TheoryData<DType, int> DotCases()
    {
        var data = new TheoryData<DType, int>();
        foreach (var d in new[] { DType.F32, DType.F64, DType.S32, DType.S64 })
        {
            for (int c = 0; c < 6; c++) data.Add(d, c);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DotCases))]
    public void Dot_general_matches_naive_loops(DType dtype, int which)
    {
        var cases = new (int[] A, int[] B, long[] Lb, long[] Rb, long[] Lc, long[] Rc)[]
        {
            ([3, 4], [4, 5], [], [], [1], [0]),                    // plain matmul
            ([2, 3, 4], [2, 4, 5], [0], [0], [2], [1]),            // batched matmul
            ([4, 2, 3], [5, 4, 2], [1], [2], [0], [1]),            // batch and contract in odd positions
            ([2, 3, 4, 5], [5, 3, 6, 4], [1], [1], [3, 2], [0, 3]), // two contracting dims
            ([3], [3], [], [], [0], [0]),                          // vector dot → 0-d
            ([2, 0], [0, 3], [], [], [1], [0]),                    // empty contraction → zeros
        };
        var (ashape, bshape, lb, rb, lc, rc) = cases[which];
        var a = Random(T(dtype, ashape));
        var b = Random(T(dtype, bshape));
        var expected = NaiveDot(ToDoubles(a), ashape, ToDoubles(b), bshape, lb, rb, lc, rc, out var outShape);
        var r = Both1(Ops.DotGeneral, [T(dtype, ashape), T(dtype, bshape)], T(dtype, outShape), [a, b], Dims(lb, rb, lc, rc));
        Close(FromDoubles(expected, dtype), r, dtype == DType.F32 ? 1e-4 : 1e-10);
    }

    [Fact]
    public void Dot_general_larger_matmul()
    {
        var a = Random(T(DType.F32, 33, 70));
        var b = Random(T(DType.F32, 70, 41));
        var expected = NaiveDot(ToDoubles(a), [33, 70], ToDoubles(b), [70, 41], [], [], [1], [0], out var shape);
        var r = Both1(Ops.DotGeneral, [T(DType.F32, 33, 70), T(DType.F32, 70, 41)], T(DType.F32, shape), [a, b], Dims([], [], [1], [0]));
        Close(FromDoubles(expected, DType.F32), r, 1e-4);
    }

    internal static double[] ToDoubles(Array a) => a switch
    {
        float[] f => [.. f.Select(v => (double)v)],
        double[] d => d,
        int[] i => [.. i.Select(v => (double)v)],
        long[] l => [.. l.Select(v => (double)v)],
        bool[] p => [.. p.Select(v => v ? 1.0 : 0.0)],
        _ => throw new InvalidOperationException(),
    };

    internal static Array FromDoubles(double[] d, DType dtype) => dtype switch
    {
        DType.F32 => d.Select(v => (float)v).ToArray(),
        DType.F64 => d,
        DType.S32 => d.Select(v => (int)v).ToArray(),
        DType.S64 => d.Select(v => (long)v).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    // ---- reduce -----------------------------------------------------------------------------------------------

    private static Block BinaryRegion(string op, DType dtype, bool swapped = false)
    {
        var r = IrBuilder.Region(TensorType.Scalar(dtype), TensorType.Scalar(dtype));
        return r.Return(swapped ? r.Binary(op, r[1], r[0]) : r.Binary(op, r[0], r[1]));
    }

    private static Array ReduceRef(Array x, int[] shape, long[] dims, object init, Func<object, object, object> f, out int[] outShape)
    {
        var kept = Enumerable.Range(0, shape.Length).Where(d => !dims.Contains(d)).ToArray();
        int[] os = [.. kept.Select(d => shape[d])];
        outShape = os;
        int[] rs = [.. dims.Select(d => shape[d])];
        return Ref.Build(x, os, idx =>
        {
            object acc = init;
            for (long r = 0; r < Ref.Count(rs); r++)
            {
                var ri = Ref.Unravel(r, rs);
                var src = new int[shape.Length];
                for (int i = 0; i < kept.Length; i++) src[kept[i]] = idx[i];
                for (int i = 0; i < dims.Length; i++) src[dims[i]] = ri[i];
                acc = f(acc, Ref.At(x, shape, src));
            }
            return acc;
        });
    }

    public static TheoryData<string, DType> ReduceCases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var d in new[] { DType.F32, DType.F64, DType.S32, DType.S64 })
        {
            foreach (var op in new[] { Ops.Add, Ops.Maximum, Ops.Minimum, Ops.Multiply }) data.Add(op, d);
        }
        foreach (var d in new[] { DType.S32, DType.S64, DType.Pred })
        {
            foreach (var op in new[] { Ops.And, Ops.Or }) data.Add(op, d);
        }
        data.Add(Ops.Add, DType.Pred);
        return data;
    }

    [Theory]
    [MemberData(nameof(ReduceCases))]
    public void Reduce_fast_path_over_different_axes(string op, DType dtype)
    {
        int[] shape = [3, 4, 5];
        foreach (var dims in new long[][] { [0], [1], [2], [1, 2], [0, 2], [0, 1, 2], [], [2, 0] })
        {
            foreach (var swapped in new[] { false, true })
            {
                var x = Random(T(dtype, shape));
                if (op == Ops.Multiply && dtype.IsFloat()) x = FromDoubles([.. ToDoubles(x).Select(v => 1 + v / 8)], dtype);
                var init = Random(T(dtype));
                var expected = ReduceRef(x, shape, dims, init.GetValue(0)!, (a, b) => Combine(op, a, b), out var outShape);
                var r = Both(Ops.Reduce, [T(dtype, shape), T(dtype)], [T(dtype, outShape)], [x, init], [IrBuilder.Ints("dimensions", dims)], [BinaryRegion(op, dtype, swapped)])[0];
                Close(expected, r, 1e-4);
            }
        }
        var empty = Random(T(dtype, 2, 0));
        var einit = Random(T(dtype));
        var er = Both(Ops.Reduce, [T(dtype, 2, 0), T(dtype)], [T(dtype, 2)], [empty, einit], [IrBuilder.Ints("dimensions", 1)], [BinaryRegion(op, dtype)])[0];
        Assert.Equal(Ref.Build(einit, [2], _ => einit.GetValue(0)!), er);
    }

    private static object Combine(string op, object a, object b) => (a, b) switch
    {
        (float x, float y) => (object)(float)ElementwiseTests.RefBinary(op, new[] { x }, new[] { y }).GetValue(0)!,
        (double x, double y) => ElementwiseTests.RefBinary(op, new[] { x }, new[] { y }).GetValue(0)!,
        (int x, int y) => ElementwiseTests.RefBinary(op, new[] { x }, new[] { y }).GetValue(0)!,
        (long x, long y) => ElementwiseTests.RefBinary(op, new[] { x }, new[] { y }).GetValue(0)!,
        (bool x, bool y) => ElementwiseTests.RefBinary(op, new[] { x }, new[] { y }).GetValue(0)!,
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void Reduce_max_propagates_nan()
    {
        var x = new float[] { 1, float.NaN, 3, 4, 5, 6 };
        var r = (float[])Both(Ops.Reduce, [T(DType.F32, 2, 3), T(DType.F32)], [T(DType.F32, 2)], [x, new[] { float.NegativeInfinity }],
            [IrBuilder.Ints("dimensions", 1)], [BinaryRegion(Ops.Maximum, DType.F32)])[0];
        Assert.True(float.IsNaN(r[0]));
        Assert.Equal(6f, r[1]);
    }

    [Fact]
    public void Reduce_with_a_nontrivial_region_sum_of_squares()
    {
        // acc + x*x: not a single binary op of the arguments, so the region runs per element.
        var s = TensorType.Scalar(DType.F64);
        var region = IrBuilder.Region(s, s);
        region.Return(region.Binary(Ops.Add, region[0], region.Binary(Ops.Multiply, region[1], region[1])));
        int[] shape = [4, 6];
        foreach (var dims in new long[][] { [0], [1], [0, 1] })
        {
            var x = (double[])Random(T(DType.F64, shape));
            var expected = ReduceRef(x, shape, dims, 0.5, (a, b) => (double)a + (double)b * (double)b, out var outShape);
            var r = Both(Ops.Reduce, [T(DType.F64, shape), s], [T(DType.F64, outShape)], [x, new[] { 0.5 }], [IrBuilder.Ints("dimensions", dims)], [region.Block])[0];
            Close(expected, r);
        }
    }

    [Fact]
    public void Reduce_with_two_inputs_argmax()
    {
        // Variadic reduce: (value, index) pairs, keeping the larger value (first index on ties).
        var f = TensorType.Scalar(DType.F32);
        var i = TensorType.Scalar(DType.S32);
        var region = IrBuilder.Region(f, i, f, i);
        var take = region.Compare(ComparisonDirection.GT, region[2], region[0]);
        region.Return(
            region.Op(Ops.Select, f, take, region[2], region[0]),
            region.Op(Ops.Select, i, take, region[3], region[1]));
        var values = (float[])Random(T(DType.F32, 3, 5));
        var index = Enumerable.Range(0, 15).Select(k => k % 5).ToArray();
        var r = Both(Ops.Reduce, [T(DType.F32, 3, 5), T(DType.S32, 3, 5), f, i], [T(DType.F32, 3), T(DType.S32, 3)],
            [values, index, new[] { float.NegativeInfinity }, new[] { -1 }], [IrBuilder.Ints("dimensions", 1)], [region.Block]);
        for (int row = 0; row < 3; row++)
        {
            var seg = values.Skip(row * 5).Take(5).ToArray();
            Assert.Equal(seg.Max(), ((float[])r[0])[row]);
            Assert.Equal(Array.IndexOf(seg, seg.Max()), ((int[])r[1])[row]);
        }
    }

    [Fact]
    public void Reduce_region_may_capture_nothing_but_still_allocates_nothing_per_element()
    {
        var s = TensorType.Scalar(DType.F32);
        var region = IrBuilder.Region(s, s);
        region.Return(region.Binary(Ops.Add, region[0], region.Binary(Ops.Multiply, region[1], region[1])));
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 100, 50);
        var init = b.Scalar(0f);
        var op = b.Emit(Ops.Reduce, [x, init], [T(DType.F32, 100)], [IrBuilder.Ints("dimensions", 1)], [region.Block]);
        var program = LoopGen.Backends.Interpreter.InterpreterBackend.Compile(b.Module(op.Results[0]));
        program.Run([Up(Random(x.Type), x.Type)], out var stats);
        Assert.True(stats.ArraysAllocated < 10, $"allocated {stats.ArraysAllocated} arrays for 5000 region runs");
        Assert.True(stats.ArraysReused >= 5000);
    }
}
