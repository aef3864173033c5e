using System.ComponentModel;

namespace LoopGen;

/// <summary>
/// Helpers the LoopGen generator emits into traced twins. Not meant to be written by hand: they give lifted code the
/// exact C# meaning of what the user wrote (a C# <c>float</c> local carried by a loop stays f32, a collected
/// <c>List&lt;Tensor&gt;</c> becomes one stacked scan output).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Lifted
{
    /// <summary>
    /// A C# primitive value as a 0-d tensor of its C# type, weakly typed: in the plain method a C# number meeting a
    /// tensor converts implicitly (and weakly, adopting the tensor's dtype), so the lifted variable must behave alike.
    /// </summary>
    /// <typeparam name="T">bool, int, long, float or double.</typeparam>
    /// <param name="value">The value.</param>
    public static Tensor As<T>(T value)
        where T : unmanaged
        => Tensor.FromArray(new[] { value }, Ir.TensorType.Scalar(DTypes.Of<T>()), weak: true);

    /// <summary>A traced value converted as C# converts to <typeparamref name="T"/> (an <c>int</c> assigned to a <c>float</c> local, …), weakly typed.</summary>
    /// <typeparam name="T">bool, int, long, float or double.</typeparam>
    /// <param name="value">The value.</param>
    public static Tensor As<T>(Tensor value)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = new Ir.TensorType(DTypes.Of<T>(), value.Shape);
        return value.DType == type.DType && value.IsWeak ? value : Tensor.Apply1(Ir.Ops.Convert, [value], type, weak: true);
    }

    /// <summary>
    /// Row <paramref name="index"/> of <paramref name="xs"/>, for the body of a lifted <c>foreach</c>. Over a tensor with
    /// no rows the loop runs no iteration, but its body is still traced once: it then gets zeros of the row's shape
    /// (never read), so the compiled call returns the initial carry as the plain loop does.
    /// </summary>
    /// <param name="xs">The tensor iterated over its leading axis.</param>
    /// <param name="index">The iteration's index (a 0-d integer tensor).</param>
    public static Tensor Row(Tensor xs, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(index);
        if (xs.Rank == 0) throw new ArgumentException($"foreach over a tensor needs at least one axis to iterate; got {xs.Type}", nameof(xs));
        return xs.Shape[0] == 0 ? Tensor.Zeros(xs.DType, xs.Shape.RemoveAt(0)) : xs[index];
    }

    /// <summary>
    /// A return after a loop that may have returned early: the stored <paramref name="result"/> when
    /// <paramref name="returned"/> is set, else <paramref name="value"/>. The two must have one type (a select has one
    /// result type; broadcasting one into the other would be a silent wrong answer), else a clear error.
    /// </summary>
    /// <param name="returned">The flag an early return sets (a 0-d pred).</param>
    /// <param name="result">The value the early return stored.</param>
    /// <param name="value">The value of the return after the loop.</param>
    public static Tensor EarlyReturn(Tensor returned, Tensor result, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(returned);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(value);
        if (result.DType != value.DType || !result.Shape.Equals(value.Shape))
        {
            throw new InvalidOperationException(
                $"the early return inside the compiled loop gives {result.Type}, the return after the loop gives {value.Type}; "
                + "in compiled code both returns must give one type (shape and dtype): return values of one shape, or return after the loop");
        }
        return Tensor.Where(returned, result, value);
    }

    /// <summary><c>Tensor.Stack(list, axis)</c> of a list collected by a loop, given the loop's stacked output (leading axis = iterations).</summary>
    /// <param name="stacked">The scan output, <c>[n, …row]</c>.</param>
    /// <param name="axis">The axis the rows are stacked along.</param>
    public static Tensor Stack(Tensor stacked, int axis = 0)
    {
        // Null: the list was declared before an if and no branch's loop filled it (an empty list, eagerly).
        if (stacked is null) throw new ArgumentException("Stack: needs at least one tensor (no loop collected into the list)", nameof(stacked));
        // A loop that ran no iteration collected nothing: the same error as Tensor.Stack of an empty list.
        if (stacked.Rank > 0 && stacked.Shape[0] == 0) throw new ArgumentException("Stack: needs at least one tensor (the loop that collects them ran no iteration)", nameof(stacked));
        int rank = stacked.Rank;
        if (axis < 0) axis += rank;
        if (axis < 0 || axis >= rank) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Stack: axis out of range for rows of rank {rank - 1}");
        return axis == 0 ? stacked : stacked.Transpose(MoveFirstTo(rank, axis));
    }

    /// <summary><c>Tensor.Concat(list, axis)</c> of a list collected by a loop, given the loop's stacked output.</summary>
    /// <param name="stacked">The scan output, <c>[n, …row]</c>.</param>
    /// <param name="axis">The axis of the rows to join along.</param>
    public static Tensor Concat(Tensor stacked, int axis = 0)
    {
        if (stacked is null) throw new ArgumentException("Concat: needs at least one tensor (no loop collected into the list)", nameof(stacked));
        if (stacked.Rank > 0 && stacked.Shape[0] == 0) throw new ArgumentException("Concat: needs at least one tensor (the loop that collects them ran no iteration)", nameof(stacked));
        return ConcatRows(stacked, axis);
    }

    /// <summary>The rows of a collected list joined along <paramref name="axis"/>, as one element of <c>Tensor.Concat([x, .. list], axis)</c>: no rows join to an empty tensor.</summary>
    /// <param name="stacked">The scan output, <c>[n, …row]</c>.</param>
    /// <param name="axis">The axis of the rows to join along.</param>
    public static Tensor ConcatRows(Tensor stacked, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(stacked);
        int rowRank = stacked.Rank - 1;
        if (rowRank < 1) throw new ArgumentException("Concat: collected values must have at least one dimension; use Stack for scalars", nameof(stacked));
        if (axis < 0) axis += rowRank;
        if (axis < 0 || axis >= rowRank) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Concat: axis out of range for rows of rank {rowRank}");
        // Rows side by side along `axis` = the iteration axis moved next to it, then the two merged (iterations major).
        var moved = axis == 0 ? stacked : stacked.Transpose(MoveFirstTo(stacked.Rank, axis));
        var shape = moved.Shape.ToArray().ToList();
        shape[axis] *= shape[axis + 1];
        shape.RemoveAt(axis + 1);
        return moved.Reshape([.. shape]);
    }

    private static int[] MoveFirstTo(int rank, int axis)
    {
        var perm = new List<int>();
        for (int d = 1; d < rank; d++) perm.Add(d);
        perm.Insert(axis, 0);
        return [.. perm];
    }
}
