using LoopGen.Backends.Interpreter;
using LoopGen.Ir;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

public class ControlFlowTests
{
    private static readonly TensorType S32 = TensorType.Scalar(DType.S32);
    private static readonly TensorType Pred = TensorType.Scalar(DType.Pred);

    private static TensorType T(DType d, params int[] s) => IrBuilder.T(d, s);

    /// <summary>cond region: carry[0] &lt; limit (limit an outer value, captured).</summary>
    private static Block LessThan(TensorType[] carries, Value limit)
    {
        var c = IrBuilder.Region(carries);
        return c.Return(c.Compare(ComparisonDirection.LT, c[0], limit));
    }

    /// <summary>
    /// main(x: f32[3], n: s32) = while (i, acc) = (0, zeros): i &lt; n { i + 1, acc + x } → (i, acc).
    /// x and n are captured from the enclosing function.
    /// </summary>
    private static Module CountingLoop(out TensorType xt)
    {
        xt = T(DType.F32, 3);
        var b = new IrBuilder();
        var x = b.Arg(xt);
        var n = b.Arg(S32);
        var zero = b.Scalar(0);
        var zeros = b.Constant(xt, new[] { 0f });
        TensorType[] carries = [S32, xt];
        var body = IrBuilder.Region(carries);
        body.Return(body.Binary(Ops.Add, body[0], body.Scalar(1)), body.Binary(Ops.Add, body[1], x));
        var loop = b.Emit(Ops.While, [zero, zeros], carries, regions: [LessThan(carries, n), body.Block]);
        return b.Module(loop.Results[0], loop.Results[1]);
    }

    [Fact]
    public void While_counts_to_ten_with_captured_values()
    {
        var m = CountingLoop(out _);
        var x = LoopGen.Tests.Support.Rand.Floats(3);
        var r = Run(m, x, new[] { 10 });
        Assert.Equal(new[] { 10 }, r[0]);
        var expected = new float[3];
        for (int k = 0; k < 10; k++) for (int j = 0; j < 3; j++) expected[j] += x[j];
        Close(expected, r[1]);
    }

    [Fact]
    public void While_with_zero_iterations_returns_its_operands()
    {
        var r = Run(CountingLoop(out _), new[] { 1f, 2f, 3f }, new[] { 0 });
        Assert.Equal(new[] { 0 }, r[0]);
        Assert.Equal(new[] { 0f, 0f, 0f }, r[1]);
        var r2 = Run(CountingLoop(out _), new[] { 1f, 2f, 3f }, new[] { -5 });
        Assert.Equal(new[] { 0 }, r2[0]);
    }

    [Fact]
    public void Nested_while_loops()
    {
        // total = Σ_{i<3} Σ_{j<i+2} (i*10 + j)
        var b = new IrBuilder();
        var three = b.Scalar(3);
        TensorType[] outer = [S32, S32];
        var ob = IrBuilder.Region(outer);
        var limit = ob.Binary(Ops.Add, ob[0], ob.Scalar(2));
        TensorType[] inner = [S32, S32];
        var ib = IrBuilder.Region(inner);
        var term = ib.Binary(Ops.Add, ib.Binary(Ops.Multiply, ob[0], ib.Scalar(10)), ib[0]);
        ib.Return(ib.Binary(Ops.Add, ib[0], ib.Scalar(1)), ib.Binary(Ops.Add, ib[1], term));
        var innerLoop = ob.Emit(Ops.While, [ob.Scalar(0), ob[1]], inner, regions: [LessThan(inner, limit), ib.Block]);
        ob.Return(ob.Binary(Ops.Add, ob[0], ob.Scalar(1)), innerLoop.Results[1]);
        var outerLoop = b.Emit(Ops.While, [b.Scalar(0), b.Scalar(0)], outer, regions: [LessThan(outer, three), ob.Block]);
        var r = Run(b.Module(outerLoop.Results[1]));
        int expected = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < i + 2; j++) expected += i * 10 + j;
        Assert.Equal(new[] { expected }, r[0]);
    }

    [Fact]
    public void While_with_pass_through_swapped_and_constant_carries()
    {
        // (i, a, b, c, k) → (i+1, b, a, c, const 7): a/b swap each iteration, c passes through, k becomes a constant.
        var b = new IrBuilder();
        var a0 = b.Arg(DType.F32, 2);
        var b0 = b.Arg(DType.F32, 2);
        var c0 = b.Arg(DType.S64, 3);
        var n = b.Arg(S32);
        var f2 = T(DType.F32, 2);
        TensorType[] carries = [S32, f2, f2, T(DType.S64, 3), S32];
        var body = IrBuilder.Region(carries);
        body.Return(body.Binary(Ops.Add, body[0], body.Scalar(1)), body[2], body.Binary(Ops.Add, body[1], body[1]), body[3], body.Scalar(7));
        var loop = b.Emit(Ops.While, [b.Scalar(0), a0, b0, c0, b.Scalar(-1)], carries, regions: [LessThan(carries, n), body.Block]);
        var m = b.Module([.. loop.Results]);
        float[] a = [1, 2], bb = [3, 4];
        long[] c = [5, 6, 7];
        for (int iters = 0; iters < 6; iters++)
        {
            var r = Run(m, a, bb, c, new[] { iters });
            float[] ea = a, eb = bb;
            for (int k = 0; k < iters; k++) (ea, eb) = (eb, ea.Select(v => v + v).ToArray());
            Assert.Equal(ea, r[1]);
            Assert.Equal(eb, r[2]);
            Assert.Equal(c, r[3]);
            Assert.Equal(new[] { iters == 0 ? -1 : 7 }, r[4]);
        }
    }

    [Fact]
    public void If_runs_either_branch_and_branches_may_return_outer_values()
    {
        var b = new IrBuilder();
        var p = b.Arg(Pred);
        var x = b.Arg(DType.F64, 4);
        var tb = new IrBuilder();
        tb.Return(tb.Binary(Ops.Multiply, x, x), x);
        var fb = new IrBuilder();
        fb.Return(fb.Op(Ops.Negate, x.Type, x), fb.Binary(Ops.Add, x, x));
        var op = b.Emit(Ops.If, [p], [x.Type, x.Type], regions: [tb.Block, fb.Block]);
        var m = b.Module(op.Results[0], op.Results[1], x);
        var xs = (double[])Random(x.Type);
        var t = Run(m, new[] { true }, xs);
        Assert.Equal(xs.Select(v => v * v).ToArray(), t[0]);
        Assert.Equal(xs, t[1]);
        var f = Run(m, new[] { false }, xs);
        Assert.Equal(xs.Select(v => -v).ToArray(), f[0]);
        Assert.Equal(xs.Select(v => v + v).ToArray(), f[1]);
    }

    [Fact]
    public void Case_runs_the_indexed_branch_and_the_last_one_when_out_of_range()
    {
        var b = new IrBuilder();
        var i = b.Arg(S32);
        var branches = Enumerable.Range(0, 3).Select(k =>
        {
            var r = new IrBuilder();
            return r.Return(r.Scalar(k * 100L));
        }).ToArray();
        var op = b.Emit(Ops.Case, [i], [TensorType.Scalar(DType.S64)], regions: branches);
        var m = b.Module(op.Results[0]);
        Assert.Equal(new[] { 0L }, Run(m, new[] { 0 })[0]);
        Assert.Equal(new[] { 100L }, Run(m, new[] { 1 })[0]);
        Assert.Equal(new[] { 200L }, Run(m, new[] { 2 })[0]);
        Assert.Equal(new[] { 200L }, Run(m, new[] { 3 })[0]);
        Assert.Equal(new[] { 200L }, Run(m, new[] { -1 })[0]);
        Assert.Equal(new[] { 200L }, Run(m, new[] { int.MaxValue })[0]);
    }

    [Fact]
    public void If_and_while_run_eagerly_through_ExecuteOp()
    {
        var tb = new IrBuilder();
        tb.Return(tb.Scalar(1.5f));
        var fb = new IrBuilder();
        fb.Return(fb.Scalar(-1.5f));
        Assert.Equal(new[] { -1.5f }, Both(Ops.If, [Pred], [TensorType.Scalar(DType.F32)], [new[] { false }], regions: [tb.Block, fb.Block])[0]);

        // while (i, v): i < 5 { i + 1, v * 2 }; the regions use only their own arguments, as eager ops must.
        var f3 = T(DType.F32, 3);
        TensorType[] carries = [S32, f3];
        var cond = IrBuilder.Region(carries);
        cond.Return(cond.Compare(ComparisonDirection.LT, cond[0], cond.Scalar(5)));
        var body = IrBuilder.Region(carries);
        body.Return(body.Binary(Ops.Add, body[0], body.Scalar(1)), body.Binary(Ops.Multiply, body[1], body.Op(Ops.BroadcastInDim, f3, [body.Scalar(2f)], IrBuilder.Ints("broadcast_dimensions"))));
        var r = Both(Ops.While, carries, carries, [new[] { 0 }, new[] { 1f, -2f, 0.5f }], regions: [cond.Block, body.Block]);
        Assert.Equal(new[] { 5 }, r[0]);
        Assert.Equal(new[] { 32f, -64f, 16f }, r[1]);
    }

    [Fact]
    public void Loop_allocations_do_not_grow_with_the_trip_count()
    {
        // Body: a tanh update, a matmul, a reduce, a dynamic_update_slice into a carried [64, 4] buffer, and an if.
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 4);
        var w = b.Arg(DType.F32, 4, 4);
        var n = b.Arg(S32);
        var f4 = T(DType.F32, 4);
        var rows = T(DType.F32, 64, 4);
        TensorType[] carries = [S32, f4, rows, TensorType.Scalar(DType.F32)];
        var body = IrBuilder.Region(carries);
        var half = body.Op(Ops.BroadcastInDim, f4, [body.Scalar(0.5f)], IrBuilder.Ints("broadcast_dimensions"));
        var mixed = body.Op(Ops.DotGeneral, T(DType.F32, 1, 4), [body.Op(Ops.Reshape, T(DType.F32, 1, 4), body[1]), w],
            IrBuilder.A("dot_dimension_numbers", new DotDimensionsAttr([], [], [1], [0])));
        var h = body.Op(Ops.Tanh, f4, body.Binary(Ops.Add, body.Binary(Ops.Multiply, body[1], half), body.Op(Ops.Reshape, f4, mixed)));
        var row = body.Op(Ops.Reshape, T(DType.F32, 1, 4), h);
        var slot = body.Binary(Ops.Remainder, body[0], body.Scalar(64));
        var written = body.Op(Ops.DynamicUpdateSlice, rows, body[2], row, slot, body.Scalar(0));
        var sumRegion = IrBuilder.Region(TensorType.Scalar(DType.F32), TensorType.Scalar(DType.F32));
        sumRegion.Return(sumRegion.Binary(Ops.Add, sumRegion[0], sumRegion[1]));
        var total = body.Emit(Ops.Reduce, [h, body.Scalar(0f)], [TensorType.Scalar(DType.F32)], [IrBuilder.Ints("dimensions", 0)], [sumRegion.Block]).Results[0];
        var tb = new IrBuilder();
        tb.Return(tb.Binary(Ops.Add, body[3], total));
        var fb = new IrBuilder();
        fb.Return(body[3]);
        var even = body.Compare(ComparisonDirection.EQ, body.Binary(Ops.Remainder, body[0], body.Scalar(2)), body.Scalar(0));
        var acc = body.Emit(Ops.If, [even], [TensorType.Scalar(DType.F32)], regions: [tb.Block, fb.Block]).Results[0];
        body.Return(body.Binary(Ops.Add, body[0], body.Scalar(1)), h, written, acc);
        var zerosRows = b.Op(Ops.BroadcastInDim, rows, [b.Scalar(0f)], IrBuilder.Ints("broadcast_dimensions"));
        var loop = b.Emit(Ops.While, [b.Scalar(0), x, zerosRows, b.Scalar(0f)], carries, regions: [LessThan(carries, n), body.Block]);
        var program = InterpreterBackend.Compile(b.Module([.. loop.Results]));

        var xs = LoopGen.Tests.Support.Rand.Floats(4);
        var ws = LoopGen.Tests.Support.Rand.Floats(16, -0.3f, 0.3f);
        ExecutionStats Stats(int iters, out Array[] results)
        {
            var outs = program.Run([Up(xs, x.Type), Up(ws, w.Type), Up(new[] { iters }, S32)], out var stats);
            results = [.. outs.Select(Backend.Download)];
            return stats;
        }
        var s10 = Stats(10, out var r10);
        var s1000 = Stats(1000, out var r1000);
        Assert.Equal(s10.ArraysAllocated, s1000.ArraysAllocated);
        Assert.True(s1000.ArraysReused > s10.ArraysReused + 1000 * 5);

        // And the numbers are right: replay the loop in plain C#.
        foreach (var (iters, r) in new[] { (10, r10), (1000, r1000) })
        {
            var hv = (float[])xs.Clone();
            var buf = new float[64 * 4];
            float sum = 0;
            for (int i = 0; i < iters; i++)
            {
                var mix = new float[4];
                for (int j = 0; j < 4; j++) for (int k = 0; k < 4; k++) mix[j] += hv[k] * ws[k * 4 + j];
                hv = [.. Enumerable.Range(0, 4).Select(j => MathF.Tanh(hv[j] * 0.5f + mix[j]))];
                Array.Copy(hv, 0, buf, i % 64 * 4, 4);
                if (i % 2 == 0) sum += hv.Sum();
            }
            Close(hv, r[1], 1e-4);
            Close(buf, r[2], 1e-4);
            Close(new[] { sum }, r[3], 1e-3);
        }
    }

    [Fact]
    public void Eight_threads_share_one_executable()
    {
        var program = InterpreterBackend.Compile(CountingLoop(out var xt));
        var failures = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int call = 0; call < 200; call++)
            {
                int n = (t * 7 + call) % 23;
                var x = LoopGen.Tests.Support.Rand.Floats(3);
                var r = program.Run([Up(x, xt), Up(new[] { n }, S32)]);
                var acc = (float[])Backend.Download(r[1]);
                var expected = new float[3];
                for (int k = 0; k < n; k++) for (int j = 0; j < 3; j++) expected[j] += x[j];
                if (((int[])Backend.Download(r[0]))[0] != n || !acc.SequenceEqual(expected)) Interlocked.Increment(ref failures);
            }
        })).ToArray();
        foreach (var th in threads) th.Start();
        foreach (var th in threads) th.Join();
        Assert.Equal(0, failures);
    }
}
