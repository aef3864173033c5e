using LoopGen.Ir;

namespace LoopGen;

/// <summary>Numpy broadcasting rules and the checks shared by all tensor operations.</summary>
internal static class Broadcasting
{
    /// <summary>
    /// The shape two operands broadcast to: trailing dimensions align, a 1 stretches. Throws
    /// <see cref="TensorShapeException"/> naming <paramref name="op"/> and both types otherwise.
    /// </summary>
    public static Shape Shapes(string op, TensorType a, TensorType b)
    {
        if (a.Shape == b.Shape) return a.Shape;
        int rank = Math.Max(a.Shape.Rank, b.Shape.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = Dim(a.Shape, i, rank);
            int db = Dim(b.Shape, i, rank);
            if (da == db || db == 1) dims[i] = da;
            else if (da == 1) dims[i] = db;
            else throw new TensorShapeException($"{op}: shapes {a} and {b} do not broadcast (dimension {i}: {da} vs {db})");
        }
        return new Shape(dims);
    }

    /// <summary>The shape all <paramref name="types"/> broadcast to.</summary>
    public static Shape Shapes(string op, params ReadOnlySpan<TensorType> types)
    {
        var shape = types[0].Shape;
        var acc = types[0];
        for (int i = 1; i < types.Length; i++)
        {
            shape = Shapes(op, acc, types[i]);
            acc = new TensorType(acc.DType, shape);
        }
        return shape;
    }

    // Dimension i of `shape` when right-aligned to `rank` dimensions (missing leading dims count as 1).
    private static int Dim(Shape shape, int i, int rank)
    {
        int j = i - (rank - shape.Rank);
        return j < 0 ? 1 : shape[j];
    }

    /// <summary>True if <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool CanBroadcastTo(Shape from, Shape to)
    {
        if (from.Rank > to.Rank) return false;
        int offset = to.Rank - from.Rank;
        for (int i = 0; i < from.Rank; i++)
        {
            if (from[i] != 1 && from[i] != to[i + offset]) return false;
        }
        return true;
    }

    /// <summary>Python-style axis: negative counts from the end. Throws naming the op, the argument and the type.</summary>
    public static int Axis(string op, int axis, TensorType type, string argument = "axis", int extra = 0)
    {
        // `extra` widens the range for ops that insert a dimension (ExpandDims, Stack: rank + 1 positions).
        int rank = type.Shape.Rank + extra;
        if (axis < -rank || axis >= rank)
        {
            string valid = rank == 0 ? "none (the tensor is 0-d)" : $"{-rank}..{rank - 1}";
            throw new TensorShapeException($"{op}: {argument} {axis} is out of range for {type} (valid: {valid})");
        }
        return axis < 0 ? axis + rank : axis;
    }

    /// <summary>Normalises a list of distinct axes; sorted ascending.</summary>
    public static int[] Axes(string op, ReadOnlySpan<int> axes, TensorType type, string argument = "axes")
    {
        var result = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++)
        {
            result[i] = Axis(op, axes[i], type, argument);
            for (int j = 0; j < i; j++)
            {
                if (result[j] == result[i])
                {
                    throw new TensorShapeException($"{op}: {argument} ({string.Join(", ", axes.ToArray())}) name axis {result[i]} twice for {type}");
                }
            }
        }
        Array.Sort(result);
        return result;
    }
}
