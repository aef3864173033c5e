namespace LoopGen.Tests.Bounded;

/// <summary>
/// ExpandDims and Squeeze of a bounded tensor in a rolled loop (Loop.ForConcat): they know which axis they add or drop,
/// so each bounded axis keeps its length, also where its bound is 1 (the fuzzer's <c>x[..(i + 1)].ExpandDims(1)</c>
/// with x of shape [1], which a bare reshape cannot tell from the unit axis it adds). Against eager and plain arrays.
/// </summary>
public sealed class BoundedUnitAxesLoopTests
{
    private const int Trips = 6;

    // Piece k keeps rows [0, k % (rows + 1)) of x: lengths 0, 1, …, rows, 0, …, the length-0 iteration included.
    private static int Length(int k, int rows) => k % (rows + 1);

    private static Tensor Rows(int rows) => Tensor.From(Enumerable.Range(0, rows * 3).Select(i => i * 0.5f - 2f).ToArray(), rows, 3);

    private static Tensor Piece(Tensor x, Tensor k, int rows) =>
        Tensor.SliceDynamic(x, 0, Tensor.Scalar(0), k % (rows + 1), maxLength: rows) * (k.Cast(DType.F32) + 1f);

    // The concatenated pieces on plain arrays: row r of piece k is x[r, :] * (k + 1), for r below piece k's length.
    private static (int Total, float[] Values) Reference(int rows)
    {
        var values = new List<float>();
        int total = 0;
        for (int k = 0; k < Trips; k++)
        {
            for (int r = 0; r < Length(k, rows); r++)
            {
                for (int c = 0; c < 3; c++) values.Add(((r * 3 + c) * 0.5f - 2f) * (k + 1));
                total++;
            }
        }
        return (total, [.. values]);
    }

    private static void Agree(int[] shape, float[] values, Tensor eager, Tensor compiled)
    {
        foreach (var (name, t) in new[] { ("eager", eager), ("compiled", compiled) })
        {
            Assert.True(shape.SequenceEqual(t.Shape.ToArray()), $"{name}: shape {t.Shape}, expected [{string.Join(",", shape)}]");
            Assert.Equal(values, t.ToArray<float>());
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(1, -1)]
    [InlineData(4, 0)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    public void ExpandDims_at_each_axis_keeps_the_length_of_the_bounded_rows(int rows, int axis)
    {
        int a = axis < 0 ? 3 + axis : axis;
        int along = a == 0 ? 1 : 0; // where the bounded rows are after the new axis
        Tensor Run(Tensor x) => Loop.ForConcat(0, Trips, k => [Piece(x, k, rows).ExpandDims(axis)], [along])[0];
        var x = Rows(rows);
        var (total, values) = Reference(rows);
        var shape = new List<int> { total, 3 };
        shape.Insert(a, 1);
        Agree([.. shape], values, Run(x), Jit.Compile((Tensor t) => Run(t)).Invoke(x));
    }

    [Theory]
    [InlineData(1, new[] { 0 }, 0)]
    [InlineData(1, new[] { 3 }, 1)]
    [InlineData(1, new[] { 0, 3 }, 0)]
    [InlineData(1, new[] { -1, 0 }, 0)]
    [InlineData(4, new[] { 0 }, 0)]
    [InlineData(4, new[] { 3 }, 1)]
    [InlineData(4, new[] { 0, 3 }, 0)]
    public void Squeeze_of_unit_axes_around_the_bounded_rows_keeps_their_length(int rows, int[] drop, int along)
    {
        // [1, ≤rows, 3, 1]: the unit axes 0 and 3 are dropped, the bounded rows stay.
        Tensor Run(Tensor x) => Loop.ForConcat(0, Trips, k => [Piece(x, k, rows).ExpandDims(0).ExpandDims(3).Squeeze(drop)], [along])[0];
        var x = Rows(rows);
        var (total, values) = Reference(rows);
        var kept = new[] { 0, 1, 2, 3 }.Where(i => !drop.Select(d => d < 0 ? 4 + d : d).Contains(i));
        var shape = kept.Select(i => new[] { 1, total, 3, 1 }[i]).ToArray();
        Agree(shape, values, Run(x), Jit.Compile((Tensor t) => Run(t)).Invoke(x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Squeeze_of_a_static_unit_axis_next_to_bounded_rows_of_any_bound(int rows)
    {
        // x[.., 1..2] is [rows, 1]: its rows are sliced (bounded), then the static column axis is dropped.
        Tensor Run(Tensor x) => Loop.ForConcat(0, Trips, k => [Piece(x[.., 1..2], k, rows).Squeeze(1)], [0])[0];
        var x = Rows(rows);
        var (total, values) = Reference(rows);
        var column = values.Where((_, i) => i % 3 == 1).ToArray();
        Agree([total], column, Run(x), Jit.Compile((Tensor t) => Run(t)).Invoke(x));
    }

    [Fact]
    public void Squeeze_of_the_bounded_axis_itself_names_its_data_dependent_size()
    {
        // Its length is 0 or 1 per iteration: dropping it would lose that (eagerly, Squeeze throws at length 0).
        var x = Rows(1);
        var e = Assert.Throws<TensorShapeException>(() => Jit.Compile((Tensor t) => Loop.ForConcat(0, Trips, k => [Piece(t, k, 1).Squeeze(0)], [0])[0]).Invoke(x));
        Assert.Contains("Squeeze: axis 0", e.Message);
        Assert.Contains("data-dependent", e.Message);
    }

    [Fact]
    public void Squeeze_with_no_axes_of_a_bounded_tensor_asks_for_the_axes()
    {
        // Whether the bounded axis has size 1 is known only when the code runs, so which axes go is not known.
        var x = Rows(4);
        var e = Assert.Throws<TensorShapeException>(() => Jit.Compile((Tensor t) => Loop.ForConcat(0, Trips, k => [Piece(t, k, 4).ExpandDims(0).Squeeze()], [1])[0]).Invoke(x));
        Assert.Contains("Squeeze(axes)", e.Message);
    }

    [Fact]
    public void A_bare_reshape_of_a_bound_one_axis_keeps_its_clear_error()
    {
        var x = Rows(1);
        var e = Assert.Throws<TensorShapeException>(() => Jit.Compile((Tensor t) => Loop.ForConcat(0, Trips, k => [Piece(t, k, 1).Reshape(-1)], [0])[0]).Invoke(x));
        Assert.Contains("reshape", e.Message);
    }
}
