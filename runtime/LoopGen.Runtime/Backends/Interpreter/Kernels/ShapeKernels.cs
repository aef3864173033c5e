using System.Numerics;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>constant, iota, broadcast_in_dim, reshape, transpose, reverse.</summary>
internal static class ShapeKernels
{
    /// <summary>A kernel that makes the result the operand's buffer: the data is already right (arrays are never written).</summary>
    public static readonly Kernel Alias = static (frame, s) => frame.Bind(s.Out[0], frame.InBuf(s, 0));

    /// <summary>constant: decoded once here (splat expanded) and shared read-only by every call.</summary>
    public static Kernel Constant(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 0, 1);
        var attr = Check.Attr<DenseAttr>(s, "value");
        var t = s.OutTypes[0];
        Check.Same(s, t, attr.Type, "the value attribute's type");
        var data = Decode(s, attr);
        var buf = new Buf(data, pooled: false, classId: -1);
        return (frame, step) => frame.Slots[step.Out[0]] = buf;
    }

    /// <summary>The elements of a dense attribute as a host array of the type's full element count.</summary>
    internal static Array Decode(Step s, DenseAttr attr)
    {
        var t = attr.Type;
        long count = t.Shape.ElementCount;
        var clr = t.DType.ClrType();
        if (attr.Data.GetType().GetElementType() != clr)
        {
            throw Check.Fail(s, $"value holds {attr.Data.GetType().Name}, {t} needs {clr.Name}[]");
        }
        var data = BufferPool.NewArray(t.DType, count);
        if (attr.Data.Length == count)
        {
            Array.Copy(attr.Data, data, count);
        }
        else if (attr.Data.Length == 1)
        {
            if (count > 0) Strided.Fill(data, attr.Data);
        }
        else
        {
            throw Check.Fail(s, $"value has {attr.Data.Length} elements, {t} needs {count} (or 1 for a splat)");
        }
        return data;
    }

    /// <summary>iota along <c>iota_dimension</c>.</summary>
    public static Kernel Iota(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 0, 1);
        var t = s.OutTypes[0];
        long dim = Check.Int(s, "iota_dimension");
        if (dim < 0 || dim >= t.Shape.Rank) throw Check.Fail(s, $"iota_dimension {dim} is out of range for {t}");
        int size = t.Shape[(int)dim];
        long stride = t.Shape.Strides()[dim];
        return t.DType switch
        {
            DType.S32 => IotaOf<int>(size, stride),
            DType.S64 => IotaOf<long>(size, stride),
            DType.F32 => IotaOf<float>(size, stride),
            DType.F64 => IotaOf<double>(size, stride),
            _ => throw Check.Unsupported(s, t.DType),
        };
    }

    private static Kernel IotaOf<T>(int size, long stride)
        where T : INumber<T> => (frame, s) =>
    {
        var d = frame.Out<T>(s, 0);
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(i / stride % size);
    };

    /// <summary>broadcast_in_dim: operand dim i maps to result dim <c>broadcast_dimensions[i]</c>; size-1 dims repeat.</summary>
    public static Kernel BroadcastInDim(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var inT = s.InTypes[0];
        var outT = s.OutTypes[0];
        if (inT.DType != outT.DType) throw Check.Fail(s, $"operand {inT} and result {outT} differ in dtype");
        var map = Check.Ints(s, "broadcast_dimensions");
        if (map.Length != inT.Shape.Rank) throw Check.Fail(s, $"broadcast_dimensions has {map.Length} entries, operand {inT} has rank {inT.Shape.Rank}");
        var inStrides = inT.Shape.Strides();
        var srcStrides = new long[outT.Shape.Rank];
        bool identity = inT.Shape == outT.Shape;
        for (int i = 0; i < map.Length; i++)
        {
            long j = map[i];
            if (j < 0 || j >= outT.Shape.Rank) throw Check.Fail(s, $"broadcast_dimensions[{i}] = {j} is out of range for {outT}");
            int od = inT.Shape[i], rd = outT.Shape[(int)j];
            if (od != 1 && od != rd) throw Check.Fail(s, $"operand dim {i} ({od}) cannot broadcast to result dim {j} ({rd})");
            srcStrides[j] = od == 1 ? 0 : inStrides[i];
            identity &= j == i;
        }
        if (identity) return Alias;
        // One element to every position (a zero-initialised accumulator or stack): one vectorised fill, or none when
        // the value is zero and the array was allocated just now (zeroed by the GC): a gradient's accumulator leaves the
        // call as its result, so every call allocates it afresh.
        if (inT.Shape.ElementCount == 1)
        {
            return static (frame, st) =>
            {
                long allocated = frame.Pool.Allocated;
                var dst = frame.Rent(st, 0).Data;
                var value = frame.In(st, 0);
                if (frame.Pool.Allocated != allocated && dst.Length < BufferPool.ZeroedBelow && Strided.IsZero(value)) return;
                Strided.Fill(dst, value);
            };
        }
        return Gather(0, srcStrides, outT);
    }

    /// <summary>reshape: same elements in the same row-major order, so the buffer is shared.</summary>
    public static Kernel Reshape(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var inT = s.InTypes[0];
        var outT = s.OutTypes[0];
        if (inT.DType != outT.DType || inT.Shape.ElementCount != outT.Shape.ElementCount)
        {
            throw Check.Fail(s, $"cannot reshape {inT} to {outT}");
        }
        return Alias;
    }

    /// <summary>transpose: result dim i is operand dim <c>permutation[i]</c>.</summary>
    public static Kernel Transpose(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var inT = s.InTypes[0];
        var outT = s.OutTypes[0];
        var perm = Check.Ints(s, "permutation");
        int rank = inT.Shape.Rank;
        if (perm.Length != rank || perm.Distinct().Count() != rank || perm.Any(p => p < 0 || p >= rank))
        {
            throw Check.Fail(s, $"permutation [{string.Join(", ", perm)}] is not a permutation of the {rank} dims of {inT}");
        }
        var inStrides = inT.Shape.Strides();
        var srcStrides = new long[rank];
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = inT.Shape[(int)perm[i]];
            srcStrides[i] = inStrides[perm[i]];
        }
        Check.Same(s, new TensorType(inT.DType, new Shape(dims)), outT, "the result");
        if (perm.Select((p, i) => p == i).All(b => b)) return Alias;
        return Gather(0, srcStrides, outT);
    }

    /// <summary>reverse along <c>dimensions</c>.</summary>
    public static Kernel Reverse(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var t = s.OutTypes[0];
        Check.Same(s, t, s.InTypes[0], "operand");
        var dims = Check.Ints(s, "dimensions");
        var srcStrides = t.Shape.Strides();
        long offset = 0;
        foreach (var d in dims.Distinct())
        {
            if (d < 0 || d >= t.Shape.Rank) throw Check.Fail(s, $"dimension {d} is out of range for {t}");
            offset += (t.Shape[(int)d] - 1L) * srcStrides[d];
            srcStrides[d] = -srcStrides[d];
        }
        if (t.Shape.ElementCount == 0) offset = 0;
        return Gather(offset, srcStrides, t);
    }

    /// <summary>A kernel writing result[i] = operand[offset + Σ i_k·srcStrides_k] over the result's shape.</summary>
    internal static Kernel Gather(long offset, long[] srcStrides, TensorType result)
    {
        var dims = result.Shape.ToArray();
        var dstStrides = result.Shape.Strides();
        return (frame, s) =>
        {
            var src = frame.In(s, 0);
            var dst = frame.Rent(s, 0).Data;
            Strided.Copy(src, offset, srcStrides, dst, 0, dstStrides, dims);
        };
    }
}
