using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Interpreter.Kernels;
using LoopGen.Ir;
using LoopGen.Tests.Support;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

/// <summary>
/// The interpreter's fast paths for the loops a gradient runs: a counted cond evaluated without its block, constants
/// hoisted out of while bodies, one-copy row reads and writes of stacked buffers, and a carry that is its array's
/// only holder written in place from the first iteration. Each against plain C# on the same data, including the cases
/// the fast paths must leave alone (a carry still used after the loop, a window that is not one run of memory).
/// </summary>
public class CountedLoopTests
{
    private static readonly DType F32 = DType.F32;

    // Rows of xs ([n, 2, 3]) scaled by their index and written in reverse order into a stack started at zero.
    private static Tensor ReverseRows(Tensor xs)
    {
        int n = xs.Shape[0];
        var (_, stack) = Loop.Fori(0, n, (i, c) =>
        {
            var row = Tensor.DynamicSlice(xs, [i, Tensor.Scalar(0), Tensor.Scalar(0)], [1, 2, 3]) * i.Cast(F32);
            return (c.Acc + row.Sum(), Tensor.DynamicUpdateSlice(c.Stack, row, [(n - 1) - i, Tensor.Scalar(0), Tensor.Scalar(0)]));
        }, (Acc: Tensor.Scalar(0f), Stack: Tensor.Zeros(F32, n, 2, 3)));
        return stack;
    }

    [Fact]
    public void A_counted_loop_reading_and_writing_rows_of_stacked_buffers_matches_plain_loops()
    {
        int n = 5;
        var xs = Rand.Floats(n * 6);
        var f = Jit.Compile((Tensor x) => ReverseRows(x), "reverse_rows");
        Assert.Equal(1, f.Lower(Tensor.From(xs, n, 2, 3)).WhileCount);
        var got = f.Invoke(Tensor.From(xs, n, 2, 3)).ToArray<float>();
        var expected = new float[n * 6];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 6; k++) expected[((n - 1 - i) * 6) + k] = xs[(i * 6) + k] * i;
        }
        Close(expected, got);
        // The stack's zeros die at the loop, so its first write is in place: a second call must start from zeros again.
        Close(expected, f.Invoke(Tensor.From(xs, n, 2, 3)).ToArray<float>());
    }

    [Fact]
    public void A_carry_still_used_after_the_loop_keeps_its_value()
    {
        var xs = Rand.Floats(4 * 3);
        var f = Jit.Compile((Tensor x) =>
        {
            var init = x * 2f;
            var written = Loop.Fori(0, 4, (i, c) => Tensor.DynamicUpdateSlice(c, Tensor.Full(-1.0, F32, 1, 3), [i, Tensor.Scalar(0)]), init);
            return written + init; // init must not have been overwritten by the loop's in-place row writes
        }, "carry_used_after");
        var got = f.Invoke(Tensor.From(xs, 4, 3)).ToArray<float>();
        Close(xs.Select(v => (2 * v) - 1).ToArray(), got);
    }

    [Fact]
    public void Counted_conds_in_every_direction_and_operand_order_run_the_right_number_of_times()
    {
        // (cond on the counter c, start, step, expected trips); the vector carry keeps the register machine out.
        var cases = new (Func<Tensor, Tensor> Cond, int Start, int Step, int Trips)[]
        {
            (c => c < 7, 0, 1, 7),
            (c => c <= 7, 0, 1, 8),
            (c => c > 0, 6, -1, 6),
            (c => c >= 0, 6, -1, 7),
            (c => 7 > c, 0, 1, 7), // the constant first: compare(7, c) GT is c < 7
            (c => 3 <= c, 9, -2, 4), // 9, 7, 5, 3
            (c => c != 10, 0, 2, 5),
        };
        foreach (var (cond, start, step, trips) in cases)
        {
            var f = Jit.Compile((Tensor x) => Loop.While(
                s => cond(s.C),
                s => (s.C + step, s.V + x),
                (C: Tensor.Scalar(start), V: Tensor.Zeros(F32, 3))).V, "counted_cond");
            var x = new[] { 1f, 2f, 3f };
            Close(x.Select(v => v * trips).ToArray(), f.Invoke(Tensor.From(x, 3)).ToArray<float>());
        }
    }

    [Fact]
    public void The_counted_cond_recognises_only_one_compare_of_a_carry_with_a_constant()
    {
        var s32 = TensorType.Scalar(DType.S32);
        var f = IrBuilder.T(F32, 3);
        var counted = IrBuilder.Region(s32, f);
        counted.Return(counted.Compare(ComparisonDirection.GE, counted.Scalar(4), counted[0]));
        Assert.Equal(new CountedCond(0, ComparisonDirection.LE, 4), CountedCond.Of(counted.Block));

        var twoCarries = IrBuilder.Region(s32, s32);
        twoCarries.Return(twoCarries.Compare(ComparisonDirection.LT, twoCarries[0], twoCarries[1]));
        Assert.Null(CountedCond.Of(twoCarries.Block));

        var withMath = IrBuilder.Region(s32, f);
        withMath.Return(withMath.Compare(ComparisonDirection.LT, withMath.Binary(Ops.Add, withMath[0], withMath.Scalar(1)), withMath.Scalar(4)));
        Assert.Null(CountedCond.Of(withMath.Block));
    }

    [Fact]
    public void Windows_that_are_one_run_of_memory_and_windows_that_are_not_read_and_write_the_same_elements()
    {
        // [3, 5, 4]: a [1, 2, 4] window (size 1, then partial, then whole) is contiguous; [1, 2, 2] is not.
        var data = Rand.Floats(3 * 5 * 4);
        foreach (int width in new[] { 4, 2 })
        {
            foreach (var (r, c) in new[] { (1, 2), (2, 4), (0, 0), (5, -1) }) // starts past the end are clamped
            {
                var f = Jit.Compile((Tensor x, Tensor i, Tensor j) =>
                {
                    var w = Tensor.DynamicSlice(x, [i, j, Tensor.Scalar(0)], [1, 2, width]);
                    return Tensor.DynamicUpdateSlice(x, w * 10f, [i, j, Tensor.Scalar(0)]);
                }, "window");
                var got = f.Invoke(Tensor.From(data, 3, 5, 4), Tensor.Scalar(r), Tensor.Scalar(c)).ToArray<float>();
                int ri = Math.Clamp(r, 0, 2), ci = Math.Clamp(c, 0, 3);
                var expected = (float[])data.Clone();
                for (int a = 0; a < 2; a++)
                {
                    for (int b = 0; b < width; b++) expected[(ri * 20) + ((ci + a) * 4) + b] *= 10f;
                }
                Close(expected, got);
            }
        }
    }

    [Fact]
    public void Constants_hoisted_out_of_nested_loop_bodies_keep_their_values()
    {
        // An outer loop over rows whose body runs an inner loop with constants of its own (the 0.5 and the index zeros).
        var xs = Rand.Floats(4 * 3);
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 4, (i, acc) =>
        {
            var row = Tensor.DynamicSlice(x, [i, Tensor.Scalar(0)], [1, 3]);
            var inner = Loop.Fori(0, 3, (k, a) => a * 0.5f + row, Tensor.Zeros(F32, 1, 3));
            return Tensor.DynamicUpdateSlice(acc, inner, [i, Tensor.Scalar(0)]);
        }, Tensor.Zeros(F32, 4, 3)), "nested_constants");
        var module = f.Lower(Tensor.From(xs, 4, 3)).Module;
        Assert.Equal(2, module.CountOperations(Ops.While));
        var hoisted = LoopInvariants.Rewrite(module.Main);
        Assert.All(Bodies(hoisted.Body), b => Assert.DoesNotContain(b.Operations, o => o.Name == Ops.Constant));
        var got = f.Invoke(Tensor.From(xs, 4, 3)).ToArray<float>();
        // a ← a/2 + row three times from 0: row · (1/4 + 1/2 + 1) = 1.75 · row.
        Close(xs.Select(v => 1.75f * v).ToArray(), got);
    }

    // The bodies of every while nested in block.
    private static IEnumerable<Block> Bodies(Block block)
    {
        foreach (var op in block.Operations)
        {
            if (op.Name == Ops.While) yield return op.Regions[1];
            foreach (var inner in op.Regions.SelectMany(Bodies)) yield return inner;
        }
    }
}
