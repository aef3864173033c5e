using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>slice, dynamic_slice, dynamic_update_slice, concatenate, pad.</summary>
internal static class SliceKernels
{
    /// <summary>slice with <c>start_indices</c>, <c>limit_indices</c>, <c>strides</c>.</summary>
    public static Kernel Slice(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var inT = s.InTypes[0];
        var outT = s.OutTypes[0];
        var start = Check.Ints(s, "start_indices");
        var limit = Check.Ints(s, "limit_indices");
        var step = Check.Ints(s, "strides");
        int rank = inT.Shape.Rank;
        if (start.Length != rank || limit.Length != rank || step.Length != rank)
        {
            throw Check.Fail(s, $"start/limit/strides need {rank} entries each for {inT}");
        }
        var inStrides = inT.Shape.Strides();
        var srcStrides = new long[rank];
        var dims = new int[rank];
        long offset = 0;
        for (int k = 0; k < rank; k++)
        {
            if (start[k] < 0 || limit[k] < start[k] || limit[k] > inT.Shape[k] || step[k] <= 0)
            {
                throw Check.Fail(s, $"dim {k}: start {start[k]}, limit {limit[k]}, stride {step[k]} do not fit size {inT.Shape[k]}");
            }
            dims[k] = (int)((limit[k] - start[k] + step[k] - 1) / step[k]);
            offset += start[k] * inStrides[k];
            srcStrides[k] = step[k] * inStrides[k];
        }
        Check.Same(s, new TensorType(inT.DType, new Shape(dims)), outT, "the result");
        if (outT.Shape.ElementCount == 0) offset = 0;
        return ShapeKernels.Gather(offset, srcStrides, outT);
    }

    /// <summary>
    /// dynamic_slice: starts are clamped into [0, dim - size] (spec), so it never reads out of range, except on the
    /// axes of a user index (<see cref="IndexChecks"/>), where a position out of range throws as in the plain method.
    /// </summary>
    public static Kernel DynamicSlice(Step s, ProgramCompiler compiler)
    {
        var inT = s.InTypes[0];
        int rank = inT.Shape.Rank;
        Check.Arity(s, 1 + rank, 1);
        var outT = s.OutTypes[0];
        var sizes = Check.Ints(s, "slice_sizes");
        if (sizes.Length != rank) throw Check.Fail(s, $"slice_sizes needs {rank} entries for {inT}");
        for (int k = 0; k < rank; k++)
        {
            if (sizes[k] < 0 || sizes[k] > inT.Shape[k]) throw Check.Fail(s, $"slice size {sizes[k]} does not fit dim {k} of {inT}");
            CheckIndexOperand(s, 1 + k);
        }
        Check.Same(s, new TensorType(inT.DType, new Shape([.. sizes.Select(x => (int)x)])), outT, "the result");
        var inStrides = inT.Shape.Strides();
        var dims = outT.Shape.ToArray();
        var dstStrides = outT.Shape.Strides();
        var limits = new long[rank];
        for (int k = 0; k < rank; k++) limits[k] = inT.Shape[k] - sizes[k];
        bool empty = outT.Shape.ElementCount == 0;
        var check = IndexChecks.Of(s.Op);
        int contiguous = Contiguous(inT.Shape, dims);
        return (frame, st) =>
        {
            if (check is not null) Verify(frame, st, 1, check);
            long offset = 0;
            for (int k = 0; k < limits.Length; k++)
            {
                offset += Math.Clamp(Strided.ReadIndex(frame.In(st, 1 + k)), 0, limits[k]) * inStrides[k];
            }
            var src = frame.In(st, 0);
            var dst = frame.Rent(st, 0).Data;
            if (empty) return;
            if (contiguous > 0) Array.Copy(src, offset, dst, 0, contiguous);
            else Strided.Copy(src, offset, inStrides, dst, 0, dstStrides, dims);
        };
    }

    /// <summary>
    /// dynamic_update_slice: starts clamped into [0, dim - update dim]. When the operand dies here and nothing else
    /// holds its array (the usual "write row i of a carried buffer" in a loop body), the update is written in place.
    /// </summary>
    public static Kernel DynamicUpdateSlice(Step s, ProgramCompiler compiler)
    {
        var t = s.OutTypes[0];
        int rank = t.Shape.Rank;
        Check.Arity(s, 2 + rank, 1);
        Check.Same(s, t, s.InTypes[0], "operand");
        var upT = s.InTypes[1];
        if (upT.DType != t.DType || upT.Shape.Rank != rank) throw Check.Fail(s, $"update {upT} does not match operand {t}");
        var limits = new long[rank];
        for (int k = 0; k < rank; k++)
        {
            if (upT.Shape[k] > t.Shape[k]) throw Check.Fail(s, $"update {upT} is larger than operand {t} in dim {k}");
            limits[k] = t.Shape[k] - upT.Shape[k];
            CheckIndexOperand(s, 2 + k);
        }
        var strides = t.Shape.Strides();
        var upDims = upT.Shape.ToArray();
        var upStrides = upT.Shape.Strides();
        bool emptyUpdate = upT.Shape.ElementCount == 0;
        var check = IndexChecks.Of(s.Op);
        int contiguous = Contiguous(t.Shape, upDims);
        return (frame, st) =>
        {
            if (check is not null) Verify(frame, st, 2, check);
            long offset = 0;
            for (int k = 0; k < limits.Length; k++)
            {
                offset += Math.Clamp(Strided.ReadIndex(frame.In(st, 2 + k)), 0, limits[k]) * strides[k];
            }
            var operand = frame.InBuf(st, 0);
            var update = frame.In(st, 1);
            Array dst;
            if (st.Operand0Dies && operand.Pooled && operand.Refs == 1)
            {
                // Sole holder and dead after this op: nobody can observe the write.
                frame.Bind(st.Out[0], operand);
                dst = operand.Data;
            }
            else
            {
                dst = frame.Rent(st, 0).Data;
                Array.Copy(operand.Data, dst, dst.Length);
            }
            if (emptyUpdate) return;
            if (contiguous > 0) Array.Copy(update, 0, dst, offset, contiguous);
            else Strided.Copy(update, 0, upStrides, dst, offset, strides, upDims);
        };
    }

    /// <summary>
    /// The element count of a window of <paramref name="window"/> dims in an array of <paramref name="shape"/> when
    /// the window is one contiguous run whatever its start (size 1 on the leading axes, whole on the trailing ones:
    /// the row of a stacked buffer a loop reads or writes each iteration), else 0. Such a window is one array copy.
    /// </summary>
    private static int Contiguous(Shape shape, int[] window)
    {
        int rank = window.Length;
        int k = 0;
        while (k < rank && window[k] == 1) k++;
        // Axis k may be partial; every axis after it must be whole.
        for (int j = k + 1; j < rank; j++)
        {
            if (window[j] != shape[j]) return 0;
        }
        long count = 1;
        foreach (int d in window) count *= d;
        return count is > 0 and <= int.MaxValue ? (int)count : 0;
    }

    // The checked axes of a user index (see IndexChecks): a start outside [0, dim) is an error, not clamped.
    private static void Verify(Frame frame, Step st, int firstStart, IndexCheck check)
    {
        for (int k = 0; k < check.Axes.Length; k++)
        {
            int axis = check.Axes[k];
            long start = Strided.ReadIndex(frame.In(st, firstStart + axis));
            if (start < 0 || start + check.SizeAt(k) > check.Tensor.Shape[axis]) throw check.Fail(axis, start, k);
        }
    }

    /// <summary>concatenate along <c>dimension</c>.</summary>
    public static Kernel Concatenate(Step s, ProgramCompiler compiler)
    {
        if (s.In.Length == 0 || s.Out.Length != 1) throw Check.Fail(s, "expected at least one operand and one result");
        var outT = s.OutTypes[0];
        long dim = Check.Int(s, "dimension");
        int rank = outT.Shape.Rank;
        if (dim < 0 || dim >= rank) throw Check.Fail(s, $"dimension {dim} is out of range for {outT}");
        long total = 0;
        foreach (var t in s.InTypes)
        {
            bool ok = t.DType == outT.DType && t.Shape.Rank == rank;
            for (int k = 0; ok && k < rank; k++) ok = k == dim || t.Shape[k] == outT.Shape[k];
            if (!ok) throw Check.Fail(s, $"operand {t} cannot be joined into {outT} along dim {dim}");
            total += t.Shape[(int)dim];
        }
        if (total != outT.Shape[(int)dim]) throw Check.Fail(s, $"operands add up to {total} along dim {dim}, result {outT} has {outT.Shape[(int)dim]}");
        var dstStrides = outT.Shape.Strides();
        var parts = new (long Offset, long[] Strides, int[] Dims)[s.In.Length];
        long at = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            var sh = s.InTypes[i].Shape;
            parts[i] = (at * dstStrides[dim], sh.Strides(), sh.ToArray());
            at += sh[(int)dim];
        }
        return (frame, st) =>
        {
            var dst = frame.Rent(st, 0).Data;
            for (int i = 0; i < parts.Length; i++)
            {
                var (offset, strides, dims) = parts[i];
                Strided.Copy(frame.In(st, i), 0, strides, dst, offset, dstStrides, dims);
            }
        };
    }

    /// <summary>pad with edge (low, high) and interior padding, all non-negative.</summary>
    public static Kernel Pad(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 2, 1);
        var inT = s.InTypes[0];
        var outT = s.OutTypes[0];
        Check.Same(s, TensorType.Scalar(inT.DType), s.InTypes[1], "padding_value");
        var lo = Check.Ints(s, "edge_padding_low");
        var hi = Check.Ints(s, "edge_padding_high");
        var interior = Check.Ints(s, "interior_padding");
        int rank = inT.Shape.Rank;
        if (lo.Length != rank || hi.Length != rank || interior.Length != rank) throw Check.Fail(s, $"padding attributes need {rank} entries each");
        var dims = new int[rank];
        for (int k = 0; k < rank; k++)
        {
            if (lo[k] < 0 || hi[k] < 0 || interior[k] < 0) throw Check.Fail(s, "negative padding is not supported");
            int d = inT.Shape[k];
            dims[k] = (int)(lo[k] + hi[k] + d + Math.Max(d - 1, 0) * interior[k]);
        }
        Check.Same(s, new TensorType(inT.DType, new Shape(dims)), outT, "the result");
        var outStrides = outT.Shape.Strides();
        var dstStrides = new long[rank];
        long offset = 0;
        for (int k = 0; k < rank; k++)
        {
            dstStrides[k] = (interior[k] + 1) * outStrides[k];
            offset += lo[k] * outStrides[k];
        }
        var srcStrides = inT.Shape.Strides();
        var srcDims = inT.Shape.ToArray();
        return (frame, st) =>
        {
            var src = frame.In(st, 0);
            var value = frame.In(st, 1);
            var dst = frame.Rent(st, 0).Data;
            if (dst.Length == 0) return;
            Strided.Fill(dst, value);
            Strided.Copy(src, 0, srcStrides, dst, offset, dstStrides, srcDims);
        };
    }

    private static void CheckIndexOperand(Step s, int i)
    {
        var t = s.InTypes[i];
        if (t.Shape.Rank != 0 || !t.DType.IsInteger()) throw Check.Fail(s, $"start index operand {i} must be a 0-d integer, got {t}");
    }
}
