using System.Numerics;
using System.Numerics.Tensors;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>A reduction's combining function, as a struct so the JIT specialises each loop for it.</summary>
internal interface ICombine<T>
{
    /// <summary>Combines an accumulator and an element.</summary>
    static abstract T Apply(T acc, T x);
}

/// <summary>
/// reduce. Offsets of the kept and the reduced elements are tabulated at compile time (shapes are static). A region
/// that is one add/multiply/maximum/minimum/and/or of its two arguments runs as a typed loop (TensorPrimitives when
/// the reduced dims are the innermost ones); any other region is evaluated per element pair.
/// </summary>
internal static class ReduceKernel
{
    /// <summary>Factory for <see cref="Ops.Reduce"/>.</summary>
    public static Kernel Create(Step s, ProgramCompiler compiler)
    {
        if (s.In.Length == 0 || s.In.Length % 2 != 0) throw Check.Fail(s, "expected N inputs then N init values");
        int n = s.In.Length / 2;
        if (s.Out.Length != n || s.Regions.Length != 1) throw Check.Fail(s, $"expected {n} result(s) and one region");
        var inT = s.InTypes[0];
        var dims = Check.Ints(s, "dimensions");
        int rank = inT.Shape.Rank;
        if (dims.Any(d => d < 0 || d >= rank) || dims.Distinct().Count() != dims.Length) throw Check.Fail(s, $"dimensions [{string.Join(", ", dims)}] are not distinct dims of {inT}");
        var kept = Enumerable.Range(0, rank).Where(d => !dims.Contains(d)).ToArray();
        var outShape = new Shape([.. kept.Select(d => inT.Shape[d])]);
        for (int j = 0; j < n; j++)
        {
            var t = s.InTypes[j];
            if (t.Shape != inT.Shape) throw Check.Fail(s, $"input {j} is {t}, all inputs must have shape {inT.Shape}");
            Check.Same(s, TensorType.Scalar(t.DType), s.InTypes[n + j], $"init value {j}");
            Check.Same(s, new TensorType(t.DType, outShape), s.OutTypes[j], $"result {j}");
        }
        var region = s.Regions[0];
        if (region.Args.Length != 2 * n || region.Returns.Length != n) throw Check.Fail(s, $"the region must take {2 * n} arguments and return {n}");

        var strides = inT.Shape.Strides();
        var keptOffsets = Offsets(kept.Select(d => inT.Shape[d]).ToArray(), [.. kept.Select(d => strides[d])]);
        var redOffsets = Offsets(dims.Select(d => inT.Shape[(int)d]).ToArray(), [.. dims.Select(d => strides[d])]);
        // Reduced dims that are exactly the innermost ones, in order, make each output's elements one contiguous run.
        bool contiguous = dims.SequenceEqual(Enumerable.Range(rank - dims.Length, dims.Length).Select(d => (long)d));
        var plan = new Plan(keptOffsets, redOffsets, contiguous);

        if (n == 1 && FastOp(s.Op.Regions[0]) is { } fast)
        {
            var k = Fast(fast, inT.DType, plan);
            if (k is not null) return k;
        }

        var scalarClasses = s.InTypes.Take(n).Select(t => compiler.ClassOf(t.DType, 1)).ToArray();
        var dtypes = s.InTypes.Take(n).Select(t => t.DType).ToArray();
        return (frame, st) => Generic(frame, st, plan, n, scalarClasses, dtypes);
    }

    private sealed record Plan(long[] Kept, long[] Reduced, bool Contiguous);

    /// <summary>Flat offsets of every index over <paramref name="dims"/> with the given strides, row-major order.</summary>
    private static long[] Offsets(int[] dims, long[] strides)
    {
        long count = 1;
        foreach (var d in dims) count *= d;
        var result = new long[count];
        var index = new int[dims.Length];
        for (long i = 0; i < count; i++)
        {
            long off = 0;
            for (int k = 0; k < dims.Length; k++) off += index[k] * strides[k];
            result[i] = off;
            for (int k = dims.Length - 1; k >= 0; k--)
            {
                if (++index[k] < dims[k]) break;
                index[k] = 0;
            }
        }
        return result;
    }

    /// <summary>The op name when the region is a single binary op of its two arguments, returned.</summary>
    private static string? FastOp(Block region)
    {
        if (region.Operations.Count != 2 || region.Arguments.Count != 2) return null;
        var op = region.Operations[0];
        var ret = region.Operations[1];
        if (op.Regions.Count != 0 || op.Operands.Count != 2 || op.Results.Count != 1) return null;
        if (ret.Operands.Count != 1 || ret.Operands[0] != op.Results[0]) return null;
        var (a, b) = (region.Arguments[0], region.Arguments[1]);
        bool args = op.Operands[0] == a && op.Operands[1] == b || op.Operands[0] == b && op.Operands[1] == a;
        if (!args || op.Results[0].Type != a.Type) return null;
        return op.Name is Ops.Add or Ops.Multiply or Ops.Maximum or Ops.Minimum or Ops.And or Ops.Or ? op.Name : null;
    }

    private static Kernel? Fast(string op, DType dtype, Plan plan) => dtype switch
    {
        DType.F32 => FastNumber<float>(op, plan),
        DType.F64 => FastNumber<double>(op, plan),
        DType.S32 => FastInteger<int>(op, plan),
        DType.S64 => FastInteger<long>(op, plan),
        DType.Pred => op switch
        {
            Ops.Add or Ops.Or or Ops.Maximum => Loop<bool, OrOp>(plan),
            Ops.Multiply or Ops.And or Ops.Minimum => Loop<bool, AndOp>(plan),
            _ => null,
        },
        _ => null,
    };

    private static Kernel? FastNumber<T>(string op, Plan plan)
        where T : unmanaged, INumber<T> => op switch
    {
        Ops.Add when plan.Contiguous => Contiguous<T, AddOp<T>>(plan, static x => TensorPrimitives.Sum(x)),
        Ops.Add => Loop<T, AddOp<T>>(plan),
        Ops.Multiply => Loop<T, MulOp<T>>(plan),
        Ops.Maximum => Loop<T, MaxOp<T>>(plan),
        Ops.Minimum => Loop<T, MinOp<T>>(plan),
        _ => null,
    };

    private static Kernel? FastInteger<T>(string op, Plan plan)
        where T : unmanaged, IBinaryInteger<T> => op switch
    {
        Ops.And => Loop<T, BitAndOp<T>>(plan),
        Ops.Or => Loop<T, BitOrOp<T>>(plan),
        _ => FastNumber<T>(op, plan),
    };

    private static Kernel Loop<T, TOp>(Plan plan)
        where TOp : ICombine<T> => (frame, s) =>
    {
        var x = frame.In<T>(s, 0);
        T init = frame.In<T>(s, 1)[0];
        var d = frame.Out<T>(s, 0);
        var kept = plan.Kept;
        var red = plan.Reduced;
        for (int o = 0; o < d.Length; o++)
        {
            T acc = init;
            long baseOffset = kept[o];
            for (int r = 0; r < red.Length; r++) acc = TOp.Apply(acc, x[baseOffset + red[r]]);
            d[o] = acc;
        }
    };

    private static Kernel Contiguous<T, TOp>(Plan plan, SpanAggregate<T> aggregate)
        where TOp : ICombine<T> => (frame, s) =>
    {
        var x = frame.In<T>(s, 0);
        T init = frame.In<T>(s, 1)[0];
        var d = frame.Out<T>(s, 0);
        int len = plan.Reduced.Length;
        for (int o = 0; o < d.Length; o++)
        {
            d[o] = len == 0 ? init : TOp.Apply(init, aggregate(x.AsSpan((int)plan.Kept[o], len)));
        }
    };

    private delegate T SpanAggregate<T>(ReadOnlySpan<T> x);

    /// <summary>Any region: run it once per element, carrying the accumulators as 0-d buffers.</summary>
    private static void Generic(Frame frame, Step s, Plan plan, int n, int[] scalarClasses, DType[] dtypes)
    {
        var region = s.Regions[0];
        var inputs = new Array[n];
        var outputs = new Array[n];
        var acc = new Buf[n];
        for (int j = 0; j < n; j++) inputs[j] = frame.In(s, j);
        for (int j = 0; j < n; j++) outputs[j] = frame.Rent(s, j).Data;
        for (int o = 0; o < plan.Kept.Length; o++)
        {
            for (int j = 0; j < n; j++)
            {
                acc[j] = frame.InBuf(s, n + j);
                Frame.Hold(acc[j]);
            }
            long baseOffset = plan.Kept[o];
            foreach (var r in plan.Reduced)
            {
                for (int j = 0; j < n; j++)
                {
                    var e = frame.Pool.Rent(scalarClasses[j], dtypes[j], 1);
                    Array.Copy(inputs[j], baseOffset + r, e.Data, 0, 1);
                    frame.Bind(region.Args[j], acc[j]);
                    frame.Drop(acc[j]);
                    frame.Bind(region.Args[n + j], e);
                }
                frame.RunBlock(region);
                for (int j = 0; j < n; j++)
                {
                    acc[j] = frame.Returned(region, j);
                    Frame.Hold(acc[j]);
                }
                frame.FinishBlock(region);
            }
            for (int j = 0; j < n; j++)
            {
                Array.Copy(acc[j].Data, 0, outputs[j], o, 1);
                frame.Drop(acc[j]);
            }
        }
    }

    private readonly struct AddOp<T> : ICombine<T>
        where T : INumber<T>
    {
        public static T Apply(T acc, T x) => acc + x;
    }

    private readonly struct MulOp<T> : ICombine<T>
        where T : INumber<T>
    {
        public static T Apply(T acc, T x) => acc * x;
    }

    // INumber Max/Min on floats are IEEE maximum/minimum: NaN propagates.
    private readonly struct MaxOp<T> : ICombine<T>
        where T : INumber<T>
    {
        public static T Apply(T acc, T x) => T.Max(acc, x);
    }

    private readonly struct MinOp<T> : ICombine<T>
        where T : INumber<T>
    {
        public static T Apply(T acc, T x) => T.Min(acc, x);
    }

    private readonly struct BitAndOp<T> : ICombine<T>
        where T : IBinaryInteger<T>
    {
        public static T Apply(T acc, T x) => acc & x;
    }

    private readonly struct BitOrOp<T> : ICombine<T>
        where T : IBinaryInteger<T>
    {
        public static T Apply(T acc, T x) => acc | x;
    }

    private readonly struct AndOp : ICombine<bool>
    {
        public static bool Apply(bool acc, bool x) => acc & x;
    }

    private readonly struct OrOp : ICombine<bool>
    {
        public static bool Apply(bool acc, bool x) => acc | x;
    }
}
